package dev.episodes.flink.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.TimeBounds;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.flink.topology.EpisodeTopology;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.TestKey;
import dev.episodes.window.BuildWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Red team (write-behind cache), end to end in a MiniCluster on the real topology (STREAMING: the cached
 * operator): periodic checkpoints on a bounded input (a final checkpoint after finish()) give the output
 * of a run without any; a job stopped with a savepoint while it waits with devices pending in the cache
 * (checkpoints every 50 ms before it), restored into a new job that reads the rest, gives with what it
 * wrote before exactly the uninterrupted run's episodes, each once.
 */
class CacheStopWithSavepointITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path tmp;

    private JobClient submit(String run, List<String> corpus, int pauseAt, Instant now, Path savepoint,
            String backend, long checkpointMs) throws Exception {
        SavepointCompatITCase.RECEIVED.put(run, new ConcurrentLinkedQueue<>());
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        if (checkpointMs > 0) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(checkpointMs));
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, tmp.resolve("cp-" + run).toUri().toString());
        }
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.configure(conf);
        PipelineConfig config = PipelineConfig.defaults().withParallelism(2);
        DataStream<DecodeResult> timed = env.fromSource(new CorpusSource(corpus, pauseAt,
                        TimeBounds.aheadOf(now, config.maxClockAhead())), SavepointCompatITCase.watermarks(config),
                        "corpus", PipelineTypes.DECODE_RESULT)
                .uid("test-corpus").setParallelism(1);
        EpisodeTopology.Outputs out = EpisodeTopology.fromDecoded(timed, config, TestKey.KEY.pseudonymizer(),
                BuildWindow.ALL, s -> s);
        out.episodes().sinkTo(new SavepointCompatITCase.Received(run)).uid("test-episodes").setParallelism(1);
        out.deadLetters().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>())
                .uid("test-dead-letters").setParallelism(1);
        return env.executeAsync(run);
    }

    private List<String> received(String run) {
        return List.copyOf(SavepointCompatITCase.RECEIVED.get(run));
    }

    @ParameterizedTest(name = "{0}, cut at {1} of 5, checkpoints every {2} ms before")
    @CsvSource({"hashmap,2,0", "rocksdb,3,0", "rocksdb,2,50"})
    void stoppedWithASavepointAndRestoredTheJobWritesTheUninterruptedRunsEpisodes(String backend, int fifths,
            long firstCheckpointMs)
            throws Exception {
        Path file = tmp.resolve("corpus.jsonl");
        GeneratorSettings settings = GeneratorSettings.of(3, Duration.ofMinutes(2), 23).withDuplicateRate(0.01);
        Corpus.write(file, settings);
        List<String> corpus = Files.readAllLines(file);
        Instant now = settings.start().plus(Duration.ofDays(1));
        int cut = corpus.size() * fifths / 5;

        submit("plain-" + backend + fifths + firstCheckpointMs, corpus, corpus.size(), now, null, backend, 0).getJobExecutionResult()
                .get(60, TimeUnit.SECONDS);
        List<String> full = SavepointCompatITCase.sorted(received("plain-" + backend + fifths + firstCheckpointMs), List.of());
        assertTrue(full.size() >= 3, "episodes: " + full.size());

        submit("checkpointed-" + backend + fifths + firstCheckpointMs, corpus, corpus.size(), now, null, backend, 20).getJobExecutionResult()
                .get(60, TimeUnit.SECONDS);
        assertEquals(full, SavepointCompatITCase.sorted(received("checkpointed-" + backend + fifths + firstCheckpointMs), List.of()),
                "checkpoints every 20 ms and a final one after finish() change nothing");

        CorpusSource.EMITTED.set(0);
        JobClient first = submit("before-" + backend + fifths + firstCheckpointMs, corpus, cut, now, null, backend, firstCheckpointMs);
        Await.until("the first part read", Duration.ofSeconds(30), () -> CorpusSource.EMITTED.get() >= cut);
        // Without checkpoints every device the first part touched is still in the cache at the savepoint;
        // the savepoint is refused until every task runs: try again until it is taken.
        String taken = Await.until("a savepoint taken", Duration.ofSeconds(30), () -> {
            try {
                return first.stopWithSavepoint(false, tmp.resolve("sp").toUri().toString(),
                        SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (String.valueOf(e.getMessage()).contains("not being executed at the moment")) {
                    return null;
                }
                throw e;
            }
        });
        List<String> before = received("before-" + backend + fifths + firstCheckpointMs);
        submit("after-" + backend + fifths + firstCheckpointMs, corpus, corpus.size(), now, Path.of(java.net.URI.create(taken)), backend, 50)
                .getJobExecutionResult().get(60, TimeUnit.SECONDS);
        long cutUs = SavepointCompatITCase.cutUs(corpus, cut, now);
        assertTrue(received("after-" + backend + fifths + firstCheckpointMs).stream()
                .anyMatch(e -> SavepointCompatITCase.startUs(e) < cutUs), "an episode spans the savepoint");
        assertEquals(full, SavepointCompatITCase.sorted(before, received("after-" + backend + fifths + firstCheckpointMs)),
                "before the savepoint and after its restore: each episode once, as uninterrupted");
    }
}
