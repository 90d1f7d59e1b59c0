package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.storage.Store;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.Erasure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17, item 5): "an erased person's episodes are gone from … dead letters too". Erasure
 * drops a dead letter when its top-level {@code user} is the person's pseudonym, which it has only when the
 * record decoded far enough to name its person and time. Buggy producers send worse: a mistyped time, an
 * unknown kind, a field of the wrong type, a line cut short. Whatever of the person such a dead letter still
 * carries (their pseudonym inside {@code record}, their raw id, their device's pseudonym) must be gone after
 * {@code erase}. First run: the mistyped time, unknown kind, mistyped seq and cut line go (they name the
 * person); a {@code user_id} of the wrong type leaves a dead letter naming nobody but the person's device
 * pseudonym and the event time, which the erasure keeps.
 */
class ErasedPersonsDeadLettersITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void noDeadLetterNamesTheErasedPersonAfterTheErasure() throws Exception {
        List<String> lines = new ArrayList<>(RedTeamCorpus.lines(RedTeamCorpus.events()));
        long t = RedTeamCorpus.DAY0 + 10 * RedTeamCorpus.HOUR;
        lines.add("{\"kind\":\"mouse\",\"event_id\":\"bad-1\",\"user_id\":\"u-3001\",\"device_id\":\"d-3001\",\"ts_us\":\"soon\","
                + "\"seq\":1,\"action\":\"down\",\"x\":1,\"y\":2,\"button\":\"left\",\"dx\":null,\"dy\":null}");
        lines.add("{\"kind\":\"gesture\",\"event_id\":\"bad-2\",\"user_id\":\"u-3001\",\"device_id\":\"d-3001\",\"ts_us\":" + t
                + ",\"seq\":2,\"fingers\":3}");
        lines.add("{\"kind\":\"key\",\"event_id\":\"bad-3\",\"user_id\":\"u-3001\",\"device_id\":\"d-3001\",\"ts_us\":" + t
                + ",\"seq\":\"three\",\"action\":\"down\",\"key\":\"a\",\"code\":\"KeyA\",\"modifiers\":[]}");
        lines.add("{\"kind\":\"context\",\"event_id\":\"bad-4\",\"user_id\":\"u-3001\",\"device_id\":\"d-3001\",\"ts_us\":" + t
                + ",\"seq\":4,\"app\":\"Signal\",\"window_title\":\"Chat with my doctor\"");
        lines.add("{\"kind\":\"key\",\"event_id\":\"bad-5\",\"user_id\":3001,\"device_id\":\"d-3001\",\"ts_us\":" + t
                + ",\"seq\":5,\"action\":\"down\",\"key\":\"a\",\"code\":\"KeyA\",\"modifiers\":[]}");
        Path root = dir.resolve("root");
        RedTeamCorpus.build(RedTeamCorpus.write(dir, lines), root, IdentityScope.EPISODE, TimeScope.parse("relative", false));
        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        String stable = key.user("u-3001");
        String device = key.device("d-3001");
        assertTrue(!rejectedNaming(root, stable, device).isEmpty(), "the person's dead letters were written");

        Erasure.Result r = Erasure.eraseScoped(Store.local(root), stable, key, Duration.ZERO);
        assertTrue(r.matched(), r.toString());
        assertEquals(List.of(), rejectedNaming(root, stable, device), "dead letters still naming the erased person");
    }

    /** Lines of {@code _private/rejected/} holding the raw id, the stable pseudonym or the device's. */
    private static List<String> rejectedNaming(Path root, String stable, String device) throws Exception {
        List<String> out = new ArrayList<>();
        Path rejected = root.resolve("_private/rejected");
        if (!Files.exists(rejected)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(rejected)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String lower = l.toLowerCase(Locale.ROOT);
                    if (lower.contains("u-3001") || lower.contains("d-3001") || l.contains(stable) || l.contains(device)) {
                        out.add(l);
                    }
                }
            }
        }
        return out;
    }
}
