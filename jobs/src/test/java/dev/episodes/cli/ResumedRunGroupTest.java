package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.StateSettings;
import dev.episodes.flink.runs.RestorePoint;
import dev.episodes.flink.source.StoppingOffsets;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.FullyFinishedOperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (stop 27, commit dad8feb): the offsets a finished run left uncommitted are refused for another
 * {@code --group-id} (exit 2), but the resume of a stopped {@code --until-latest} run is not checked. Its
 * record ({@code _until-latest-offsets.json}) names the group it was started for; resumed with another
 * {@code --group-id}, {@link StreamCommand#stoppingOffsets} hands back that record unchecked, and the
 * finished resume commits the whole range for the group of the resume ({@code stopping.commit(kafka)} uses
 * {@code kafka.groupId()}), which is exactly what {@code requireGroup} was added to refuse. If that commit
 * fails, the left-over file names the first group, so the operator is then told to rerun with it.
 */
class ResumedRunGroupTest {
    private static final TopicPartition KEYS0 = new TopicPartition("activity.keys", 0);

    private static KafkaSettings kafka(String group) {
        return new KafkaSettings("127.0.0.1:1", "activity.keys", "activity.mouse", "activity.context",
                "activity.consent", "activity.deadletter", group, "committed", true, Duration.ofSeconds(60));
    }

    /** A savepoint whose only operator finished: what a bounded run stopped after its source ended leaves. */
    private static RestorePoint boundedSavepoint(Path dir) throws Exception {
        Path sp = Files.createDirectories(dir.resolve("savepoint-000000-aaaaaaaaaaaa"));
        CheckpointMetadata m = new CheckpointMetadata(7L, List.of(new FullyFinishedOperatorState("source", null,
                new OperatorID(), 1, 128)), List.of());
        try (OutputStream out = Files.newOutputStream(sp.resolve("_metadata"))) {
            Checkpoints.storeCheckpointMetadata(m, new DataOutputStream(out));
        }
        RestorePoint p = RestorePoint.of(sp);
        assertTrue(p.boundedRun(), "the fake savepoint reads as a bounded run's");
        return p;
    }

    @Test
    void aStoppedRunOfOneGroupResumedWithAnotherIsRefusedAsItsLeftOverOffsetsAre(@TempDir Path dir) throws Exception {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        StateSettings st = new StateSettings(StateSettings.Backend.HASHMAP, checkpoints);
        new StoppingOffsets("nightly", Map.of(KEYS0, 40L)).write(checkpoints.resolve(StreamCommand.STOPPING_FILE));
        RestorePoint restore = boundedSavepoint(dir);

        StoppingOffsets own = StreamCommand.stoppingOffsets(st, restore, kafka("nightly"));
        assertEquals("nightly", own.groupId(), "its own group resumes it (this holds)");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StreamCommand.stoppingOffsets(st, restore, kafka("live")),
                "resumed with --group-id live, the run commits offsets started for 'nightly' for 'live' at its end");
        assertTrue(e.getMessage().contains("'nightly'") && e.getMessage().contains("'live'"), e.getMessage());
    }

    /**
     * A record from before groups were kept, resumed now: the run reads for the group it is given, so that
     * is whose offsets they become; kept as "no group", a commit that fails leaves a file any later
     * {@code --group-id} commits unchecked.
     */
    @Test
    void aRecordFromBeforeGroupsResumedNowNamesTheGroupThatReadIt(@TempDir Path dir) throws Exception {
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        StateSettings st = new StateSettings(StateSettings.Backend.HASHMAP, checkpoints);
        Files.writeString(checkpoints.resolve(StreamCommand.STOPPING_FILE), "{\"activity.keys-0\": 40}");
        StoppingOffsets resumed = StreamCommand.stoppingOffsets(st, boundedSavepoint(dir), kafka("live"));
        assertEquals(Map.of(KEYS0, 40L), resumed.offsets());
        assertEquals("live", resumed.groupId(), "what a failed commit of this resume writes to "
                + StreamCommand.UNCOMMITTED_FILE + " names no group, and another group would commit it");
    }
}
