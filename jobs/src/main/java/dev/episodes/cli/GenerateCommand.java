package dev.episodes.cli;

import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a seeded, realistic activity export (JSON Lines; .gz compresses).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--people", defaultValue = "3", description = "Simulated people (default: ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--minutes", defaultValue = "10", description = "Minutes of activity each (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duplicates", defaultValue = "0.02", description = "Share of events delivered twice (default: ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--malformed", defaultValue = "0.0", description = "Share of malformed lines mixed in (default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--out", required = true, description = "Output file (.jsonl or .jsonl.gz).")
    Path out;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "Paint every context event's screenshot"
            + " into DIR (PNG, referenced by file:// URIs; truth.jsonl beside them). Default: none, refs name s3://frames/.")
    Path screenshots;

    @Override
    public Integer call() throws Exception {
        if (people < 1 || minutes < 1) {
            throw new IllegalArgumentException("--people and --minutes must be at least 1, got " + people + " and "
                    + minutes);
        }
        Preflight.outputFile(out, "--out");
        if (screenshots != null) {
            Preflight.outputFolder(screenshots, "--screenshots");
            for (Path p = screenshots.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.exists(p.resolve("_meta").resolve("info.json"))) { // raw screens are not for a dataset
                    throw new IllegalArgumentException("--screenshots " + screenshots + " is inside the dataset " + p
                            + " (unmasked screenshots never go under a dataset root: choose a folder outside it)");
                }
            }
        }
        GeneratorSettings settings = GeneratorSettings.of(people, Duration.ofMinutes(minutes), seed)
                .withDuplicateRate(duplicates).withMalformedRate(malformed);
        if (screenshots != null) {
            settings = settings.withScreenshots(screenshots);
        }
        CorpusFacts facts = generate(out, settings);
        System.out.printf("Wrote %,d lines (%,d events, %,d duplicates, %,d malformed) for %d people on %d devices to %s%n",
                facts.lines(), facts.events(), facts.duplicates(), facts.malformed(), facts.userIds().size(),
                facts.deviceIds().size(), out.toAbsolutePath());
        if (screenshots != null) {
            var st = facts.screenStats();
            System.out.printf("Painted %,d screenshots (%.1f ms each painting, %.1f ms encoding, %,d KB in all) into %s%n",
                    st.frames(), st.paintNanos() / 1e6 / Math.max(1, st.frames()),
                    st.encodeNanos() / 1e6 / Math.max(1, st.frames()), st.bytes() / 1024, screenshots.toAbsolutePath());
        }
        return 0;
    }

    static CorpusFacts generate(Path out, GeneratorSettings settings) throws Exception {
        var progress = Terminal.progress(System.err, settings.people(), "people simulated", "people");
        long started = System.nanoTime();
        try {
            return generate(out, settings, p -> progress.update(p, java.time.Duration.ofNanos(System.nanoTime() - started)));
        } finally {
            Terminal.endProgress(System.err);
        }
    }

    private static CorpusFacts generate(Path out, GeneratorSettings settings, java.util.function.IntConsumer peopleDone)
            throws Exception {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean gz = out.getFileName().toString().endsWith(".gz");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(gz
                ? new GZIPOutputStream(Files.newOutputStream(out), 1 << 16) : Files.newOutputStream(out),
                StandardCharsets.UTF_8), 1 << 16)) {
            return ActivityGenerator.write(settings, w, peopleDone);
        }
    }
}
