package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.PipelineConfig;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.scope.ScopeFiles;
import dev.episodes.scope.ScopePolicy;
import dev.episodes.writing.DatasetCommitter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview names the scope policy a dataset was built under, by name and digest. */
class ScopeOverviewTest {
    @Test
    void theOverviewNamesTheScopePolicy(@TempDir Path root) throws Exception {
        ScopePolicy scope = ScopeFiles.allowList("Slack,Google Chrome:*.example.com");
        DatasetCommitter.writeInfo(root, "r1", PipelineConfig.defaults()
                .withRedaction(RedactionPolicy.DEFAULT.withScope(scope)).describe(), "k");
        String text = OverviewText.render(DatasetInspector.open(root).overview(false), 200);
        assertTrue(text.contains("scope allow-list sha256:" + scope.sha256().substring(0, 12)), text);
    }
}
