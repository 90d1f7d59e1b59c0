package dev.episodes.cli;

import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Load archived or generated activity (.jsonl / .jsonl.gz) into the Kafka topics, keyed by user_id.")
final class PublishCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "A .jsonl or .jsonl.gz file.")
    Path input;

    @Option(names = "--encoding", defaultValue = "json",
            description = "json, avro (single-object encoding) or mixed (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Mixin
    KafkaFlags kafka;

    @Override
    public Integer call() throws Exception {
        Preflight.input(input, "--input");
        Encoding e;
        try {
            e = Encoding.valueOf(encoding.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--encoding must be json, avro or mixed, got '" + encoding + "'");
        }
        var progress = Terminal.progress(System.err, InputSize.lines(input), "lines read", "lines");
        long started = System.nanoTime();
        var published = ActivityPublisher.publish(input, kafka.settings(), e,
                n -> progress.update(n, java.time.Duration.ofNanos(System.nanoTime() - started)));
        Terminal.endProgress(System.err);
        System.out.printf("Published %,d records (%,d JSON, %,d Avro) to %s; skipped %,d lines that are not valid events%n",
                published.total(), published.json(), published.avro(), kafka.bootstrap, published.skipped());
        return 0;
    }
}
