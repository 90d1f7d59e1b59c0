package dev.episodes.cli;

import dev.episodes.config.StateSettings;
import dev.episodes.harness.EndToEndBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure floors (JSON decode, Parquet write, Kafka consume), file replay and Kafka streaming "
                + "end to end, and the state of many idle devices, on one generated corpus; prints a table and "
                + "writes bench-results.json.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "5000000", description = "Approximate raw events to generate (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--dir", defaultValue = "bench-out", description = "Working folder; the corpus is kept for reruns (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--devices", defaultValue = "100000",
            description = "Open idle devices in the state scenario; 0 skips it (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--state-backends", split = ",", defaultValue = "hashmap,rocksdb",
            description = "Backends for the state scenario (default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(names = "--no-kafka", description = "Skip everything that needs the broker (Kafka floor, streaming, state scenario).")
    boolean noKafka;

    @Option(names = "--no-s3", description = "Skip the runs into the embedded S3 server (replay, streaming, commit latency).")
    boolean noS3;

    @Option(names = "--parquet-sample-lines", defaultValue = "1000000",
            description = "Lines whose steps feed the Parquet floor (default: ${DEFAULT-VALUE}).")
    long parquetSampleLines;

    @Option(names = "--checkpoint-interval", converter = DurationConverter.class, defaultValue = "10s",
            description = "Checkpoint interval of the streaming run (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Mixin
    PipelineFlags flags;

    @Override
    public Integer call() throws Exception {
        Preflight.outputFolder(dir, "--dir");
        List<StateSettings.Backend> chosen = backends.stream().map(StateSettings.Backend::parse).toList();
        new EndToEndBench(new EndToEndBench.Options(events, dir, !noKafka, devices, chosen, parquetSampleLines,
                checkpointInterval, !noS3), flags.config(), System.err).run();
        return 0;
    }
}
