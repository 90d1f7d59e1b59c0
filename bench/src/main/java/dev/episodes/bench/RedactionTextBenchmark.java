package dev.episodes.bench;

import dev.episodes.redaction.TextRedactor;
import dev.episodes.redaction.UrlRedactor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** All detectors over realistic strings: a clean chat line, one carrying a card and an email, a URL. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedactionTextBenchmark {
    private final TextRedactor text = TextRedactor.standard("US");
    private final UrlRedactor url = new UrlRedactor(text);

    @Benchmark
    public Object cleanSentence() {
        return text.redact("text", "We shipped version 1.4.2 yesterday; no regressions so far, see ticket 4471.");
    }

    @Benchmark
    public Object sentenceWithCardAndEmail() {
        return text.redact("text", "Card 4111 1111 1111 1111 for alex.morgan@example.com, call (415) 555-2671");
    }

    @Benchmark
    public Object urlWithQuery() {
        return url.redact("https://crm.example.com/contact?q=jane%40example.org&session=abc123&tab=2");
    }
}
