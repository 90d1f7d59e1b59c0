package dev.episodes.cli;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.StateSettings;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Run the streaming job from Kafka on an embedded Flink cluster: exactly-once shards, "
                + "dead letters to their topic. Runs until stopped, or with --until-latest to the current end.")
final class StreamCommand implements Callable<Integer> {
    @Mixin
    StreamFlags flags;

    @Mixin
    StateFlags state;

    @Override
    public Integer call() throws Exception {
        RunSummary s = stream(flags.kafka(), flags.out(), flags.pipeline(), state.settings(flags.out()));
        return s.accountedFor() ? 0 : 3;
    }

    static RunSummary stream(KafkaSettings settings, Path out, PipelineFlags flags, StateSettings state)
            throws Exception {
        PipelineConfig config = flags.config();
        System.err.printf("Streaming %s from %s into %s (checkpoints every %s)%n", settings.activityTopics(),
                settings.bootstrap(), out.toAbsolutePath(), settings.checkpointInterval());
        RunSummary summary = new KafkaStreaming(settings, out, config, flags.key())
                .run(EmbeddedFlink.environment(config.effectiveParallelism(), state), Terminal.progress(System.err));
        Terminal.summary(System.out, summary, out, "topic " + settings.deadLetterTopic() + " on " + settings.bootstrap());
        return summary;
    }
}
