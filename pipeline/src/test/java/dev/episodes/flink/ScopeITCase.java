package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.scope.ScopeCorpus;
import dev.episodes.scope.ScopeFiles;
import dev.episodes.scope.ScopePolicy;
import dev.episodes.testing.Flink;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay under a one-line allow list (Slack, Chrome on *.example.com) of a hand-written corpus: no
 * byte of any out-of-scope app name, title, URL or typed text is anywhere under the output root
 * (Parquet decoded, every other file as written), and the run summary and manifests count them only
 * as a total and name the policy.
 */
class ScopeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path root;
    static RunSummary summary;
    static ScopePolicy scope = ScopeFiles.allowList(ScopeCorpus.ALLOW);

    @BeforeAll
    static void replay() throws Exception {
        Path input = dir.resolve("morning.jsonl");
        Files.write(input, ScopeCorpus.events().stream().map(JsonEventEncoder::encode).toList());
        root = dir.resolve("dataset");
        PipelineConfig config = PipelineConfig.defaults().withParallelism(2)
                .withRedaction(RedactionPolicy.DEFAULT.withScope(scope));
        summary = new ArchiveReplay(input, root, config,
                PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, "scope-itcase-key-0123456789abcdef")))
                .run(Flink.env(), Progress.NONE);
    }

    /** Every file under the root as text: Parquet rows decoded, everything else as written. */
    private static String everything() throws Exception {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                b.append(f).append('\n');
                if (f.toString().endsWith(".parquet")) {
                    ShardReader.read(f).forEach(r -> b.append(r).append('\n'));
                } else if (f.getFileName().toString().equals("info.json")) {
                    // The operator's deny-lists are configuration (they name "Keychain Access"), not activity
                    com.fasterxml.jackson.databind.node.ObjectNode info =
                            (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(f.toFile());
                    ((com.fasterxml.jackson.databind.node.ObjectNode) info.get("config")).remove(
                            List.of("denied_apps", "denied_urls"));
                    b.append(info).append('\n');
                } else {
                    b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Test
    void outOfScopeActivityLeavesNoByteAnywhere() throws Exception {
        String all = everything();
        String lower = all.toLowerCase(Locale.ROOT);
        for (String f : ScopeCorpus.FORBIDDEN) {
            int at = lower.indexOf(f.toLowerCase(Locale.ROOT));
            assertFalse(at >= 0, f + " in: " + (at < 0 ? "" : all.substring(Math.max(0, at - 300), at + 40)));
        }
        for (String k : ScopeCorpus.KEPT) { // the search finds what is there
            assertTrue(all.contains(k), k);
        }
    }

    @Test
    void theRunSummaryCountsOutOfScopeStepsAsOneTotal() {
        assertTrue(summary.accountedFor());
        // reasons are mechanisms (scope policy, the older deny-lists), never apps
        assertTrue(java.util.Set.of("out_of_scope", "denied_app", "denied_url")
                .containsAll(summary.droppedSteps().keySet()), summary.droppedSteps().toString());
        assertTrue(summary.droppedSteps().get("out_of_scope") >= 4, summary.droppedSteps().toString());
        assertEquals(ScopeCorpus.outOfScopeSteps(scope),
                summary.droppedSteps().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(ScopeCorpus.IN_SCOPE_RUNS, summary.commit().episodes());
    }

    @Test
    void infoAndEveryManifestNameThePolicy() throws Exception {
        JsonNode info = Json.MAPPER.readTree(root.resolve("_meta").resolve("info.json").toFile());
        assertEquals("allow-list", info.at("/config/scope/name").asText());
        assertEquals(scope.sha256(), info.at("/config/scope/sha256").asText());
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(root)) {
            manifests = s.filter(p -> p.getFileName().toString().equals("_manifest.json")).toList();
        }
        assertFalse(manifests.isEmpty());
        for (Path m : manifests) {
            JsonNode n = Json.MAPPER.readTree(m.toFile());
            assertEquals(scope.sha256(), n.at("/scope/sha256").asText(), m.toString());
            assertEquals("allow-list", n.at("/scope/name").asText());
            // per-app counts name in-scope apps only
            List<String> apps = iterate(n.at("/stats/episodes_by_app"));
            assertTrue(List.of("Google Chrome", "Slack").containsAll(apps), apps.toString());
        }
    }

    private static List<String> iterate(JsonNode o) {
        return Stream.iterate(o.fieldNames(), it -> it).limit(1).flatMap(it -> {
            List<String> names = new java.util.ArrayList<>();
            it.forEachRemaining(names::add);
            return names.stream();
        }).collect(Collectors.toList());
    }
}
