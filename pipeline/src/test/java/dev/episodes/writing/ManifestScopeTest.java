package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.scope.ScopeFiles;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming job's manifests name the scope policy too; manifests written before it have none. */
class ManifestScopeTest {
    @Test
    void aStreamedCommitRecordsThePolicy(@TempDir Path root) throws Exception {
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(1, Duration.ofMinutes(5), 3));
        LocalDate day = DatasetLayout.dateOf(episodes.get(0).startTsUs());
        Map<String, Object> scope = ScopeFiles.allowList("Slack").describe();
        ShardPublisher publisher = new ShardPublisher(root, Map.of("kind", "kafka"), "key", OutputLayout.DEFAULT, scope);
        publisher.publish(publisher.stage("a1", "part-a1-0-0.parquet", day,
                episodes.stream().filter(e -> DatasetLayout.dateOf(e.startTsUs()).equals(day)).toList()));
        Manifest m = Json.MAPPER.readValue(root.resolve(DatasetLayout.partition(day)).resolve(DatasetLayout.MANIFEST)
                .toFile(), Manifest.class);
        assertEquals("allow-list", m.scope().get("name"));
        assertEquals(ScopeFiles.allowList("Slack").sha256(), m.scope().get("sha256"));
    }

    @Test
    void anOlderManifestReadsWithoutOne() throws Exception {
        Manifest m = Json.MAPPER.readValue("""
                {"schema_version": "1", "partition": "dt=2025-11-29", "run_id": "r", "input": {},
                 "pseudonym_key_id": "k", "files": [], "totals": {"files": 0, "bytes": 0, "steps": 0, "episodes": 0,
                 "redactions": 0}, "steps_by_action": {}, "redactions_by_kind": {}}""", Manifest.class);
        assertNull(m.scope());
        assertNull(Manifest.scopeOf(Map.of()));
    }
}
