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
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17): under {@code --identity episode}, no file outside {@code _private/} may hold a
 * stable per-person value. An erasure recorded itself, {@code {pseudonym, ...}}, in {@code _audit/erasures/}:
 * the stable pseudonym of the erased person, which the rows never held, sat where the training team reads
 * (and matched that person's rows in any stable-scope root of the same key). Fixed: records go to
 * {@code _private/erasures/}.
 */
class ErasureRecordNamesThePersonITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @Test
    void afterAnErasureNothingOutsidePrivateHoldsTheStablePseudonym() throws Exception {
        Path root = dir.resolve("episode");
        RedTeamCorpus.build(RedTeamCorpus.write(dir, RedTeamCorpus.lines(RedTeamCorpus.events())), root,
                IdentityScope.EPISODE, TimeScope.parse("relative", false));
        Pseudonymizer key = TestKey.KEY.pseudonymizer();
        String stable = key.user("u-3001");
        assertEquals(List.of(), holding(root, stable), "before the erasure");
        Erasure.Result r = Erasure.eraseScoped(Store.local(root), stable, key, Duration.ZERO);
        assertTrue(r.episodesRemoved() == 6, r.toString());
        assertEquals(List.of(), holding(root, stable), "after the erasure");
    }

    private static List<String> holding(Path root, String value) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.startsWith("_private") && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(value)) {
                    out.add(rel);
                }
            }
        }
        return out;
    }
}
