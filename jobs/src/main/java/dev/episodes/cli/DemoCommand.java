package dev.episodes.cli;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.StateSettings;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.writing.DatasetCommitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a few people, publish them to a real Kafka broker started here, stream them "
                + "through the pipeline on an embedded Flink cluster, and show the dataset.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "demo-out", description = "Where to put input and dataset (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--people", defaultValue = "4", description = "Simulated people (default: ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--minutes", defaultValue = "15", description = "Minutes of activity each (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--file-replay", description = "Replay the generated file instead of streaming through Kafka.")
    boolean fileReplay;

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
        RunSummary summary;
        if (fileReplay) {
            summary = ReplayCommand.replay(input, dataset, flags);
        } else {
            summary = streamThroughKafka(input, dataset);
        }
        System.out.println();
        System.out.println("Shards: " + dataset.toAbsolutePath().resolve("dt=*/steps/*.parquet"));
        System.out.println("Try:    duckdb -c \"select action, count(*) from read_parquet('"
                + dataset.toAbsolutePath() + "/dt=*/steps/*.parquet') group by 1 order by 2 desc\"");
        return summary.accountedFor() ? 0 : 3;
    }

    private RunSummary streamThroughKafka(Path input, Path dataset) throws Exception {
        Path brokerDir = dir.resolve("kafka");
        DatasetCommitter.deleteRecursively(brokerDir);
        System.err.println("Starting a single-node Kafka broker (KRaft) on 127.0.0.1...");
        try (LocalKafka kafka = LocalKafka.start(brokerDir, System.getProperty("java.class.path"))) {
            KafkaSettings settings = KafkaSettings.defaults(kafka.bootstrap()).withStartingOffsets("earliest")
                    .withCheckpointInterval(Duration.ofSeconds(2)).bounded(true);
            var published = ActivityPublisher.publish(input, settings, Encoding.MIXED);
            System.err.printf("Published %,d records to %s (%,d JSON, %,d Avro single-object)%n", published.total(),
                    kafka.bootstrap(), published.json(), published.avro());
            return StreamCommand.stream(settings, dataset, flags,
                    StateSettings.besideDataset(StateSettings.Backend.HASHMAP, dataset));
        } finally {
            DatasetCommitter.deleteRecursively(brokerDir);
        }
    }
}
