package dev.episodes.cli;

import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a few people, replay them on an embedded Flink cluster, and show the dataset.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "demo-out", description = "Where to put input and dataset (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--people", defaultValue = "4", description = "Simulated people (default: ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--minutes", defaultValue = "15", description = "Minutes of activity each (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        Path input = dir.resolve("input").resolve("activity.jsonl.gz");
        CorpusFacts facts = GenerateCommand.generate(input, GeneratorSettings.of(people, Duration.ofMinutes(minutes), 7)
                .withMalformedRate(0.001));
        System.err.printf("Generated %,d lines of activity for %d people on %d devices: %s%n", facts.lines(),
                facts.userIds().size(), facts.deviceIds().size(), input.toAbsolutePath());
        Path dataset = dir.resolve("dataset");
        var summary = ReplayCommand.replay(input, dataset, flags);
        System.out.println();
        System.out.println("Shards: " + dataset.toAbsolutePath().resolve("dt=*/steps/*.parquet"));
        System.out.println("Try:    duckdb -c \"select action, count(*) from read_parquet('"
                + dataset.toAbsolutePath() + "/dt=*/steps/*.parquet') group by 1 order by 2 desc\"");
        return summary.accountedFor() ? 0 : 3;
    }
}
