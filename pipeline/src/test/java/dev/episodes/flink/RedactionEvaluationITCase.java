package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.Flink;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import dev.episodes.testing.TestKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeled evaluation: the generator plants secrets of every kind in every field (typed text,
 * window titles, element names, URLs, percent-encoded) and every typing style (typos with Backspace,
 * cursor moves, pieces with pauses, late focus events), plus look-alikes that must survive. A single
 * planted secret found in a shard fails the build (recall must be 100%); precision is reported.
 */
class RedactionEvaluationITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    private static final String[] FIELDS = {"text", "keys", "app", "window_title", "url", "element_name",
            "element_role", "screenshot_ref"};

    @Test
    void noPlantedSecretSurvivesAndLookAlikesDo(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("activity.jsonl");
        CorpusFacts facts = Corpus.write(input, GeneratorSettings.of(16, Duration.ofMinutes(40), 2024));
        Path root = dir.resolve("dataset");
        RunSummary summary = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2),
                TestKey.KEY).run(Flink.env(), Progress.NONE);
        assertTrue(summary.accountedFor());

        List<String> haystacks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    StringBuilder sb = new StringBuilder();
                    for (String field : FIELDS) {
                        if (r.getSchema().getField(field) != null && r.get(field) != null) {
                            sb.append(r.get(field)).append('\n');
                        }
                    }
                    sb.append(r.get("episode_id")).append('\n').append(r.get("user")).append('\n');
                    haystacks.add(sb.toString());
                }
            }
        }
        String all = String.join("\n", haystacks);
        String compactAll = compact(all);

        Map<String, Object> report = new LinkedHashMap<>();
        long planted = 0;
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, Set<String>> kind : facts.plantedSecrets().entrySet()) {
            for (String secret : kind.getValue()) {
                planted++;
                String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
                String core = compact(secret);
                if (all.contains(secret) || all.contains(encoded) || (core.length() >= 8 && compactAll.contains(core))) {
                    leaks.add(kind.getKey() + ": " + secret);
                }
            }
            report.put("planted_" + kind.getKey(), kind.getValue().size());
        }
        long lookAlikes = facts.lookAlikes().size();
        long survived = facts.lookAlikes().stream().filter(all::contains).count();
        double recall = planted == 0 ? 0 : (planted - leaks.size()) / (double) planted;
        // Precision over what detectors decide: deny-listed values are withheld by policy, not detected.
        long detected = planted - facts.plantedSecrets().getOrDefault("DENIED", Set.of()).size() - leaks.size();
        double precision = detected / (double) (detected + (lookAlikes - survived));
        report.put("planted", planted);
        report.put("leaked", leaks.size());
        report.put("recall", recall);
        report.put("look_alikes", lookAlikes);
        report.put("look_alikes_redacted", lookAlikes - survived);
        report.put("precision", precision);
        report.put("redactions_by_kind", summary.commit().redactionsByKind());
        Path out = Path.of("target", "redaction-evaluation.json");
        Files.createDirectories(out.getParent());
        Json.writeAtomically(out.toAbsolutePath(), report);
        System.out.println("Redaction evaluation: " + report);

        assertTrue(planted > 150, "a meaningful sample: " + planted);
        for (String kind : List.of("PASSWORD", "CREDIT_CARD", "IBAN", "SSN", "EMAIL", "PHONE", "SECRET", "DENIED")) {
            assertTrue(facts.plantedSecrets().getOrDefault(kind, Set.of()).size() >= 5, "planted " + kind);
        }
        assertEquals(List.of(), leaks, "recall must be 100%");
        assertTrue(summary.droppedSteps().getOrDefault("denied_app", 0L) > 0, "password manager steps dropped");
        assertTrue(precision >= 0.95, "precision " + precision);
    }

    private static String compact(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '-' && c != '.' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
