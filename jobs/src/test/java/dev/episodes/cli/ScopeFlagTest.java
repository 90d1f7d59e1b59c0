package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.scope.ScopeFiles;
import dev.episodes.scope.ScopePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --scope FILE and --scope-allow LIST reach the configuration, and mistakes name the flag. */
class ScopeFlagTest {
    private static ScopePolicy scope(String... args) {
        PipelineFlags flags = new PipelineFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.config().redaction().scope();
    }

    @Test
    void withoutAFlagOnlyTheDenyFamiliesApply() {
        assertEquals(ScopePolicy.DEFAULT, scope());
        assertFalse(scope().matcher().inScope("1Password 8", "Vault", null));
        assertTrue(scope().matcher().inScope("Spotify", "Liked Songs", null));
    }

    @Test
    void theOneLineAllowListAndThePolicyFileAreUsedAndDescribed() throws Exception {
        ScopePolicy line = scope("--scope-allow", "Slack,Google Chrome:*.example.com");
        assertTrue(line.matcher().inScope("Slack", "general", null));
        assertFalse(line.matcher().inScope("Spotify", "Liked Songs", null));
        Path example = Path.of("..", "deploy", "scope", "work-apps.json");
        ScopePolicy file = scope("--scope", example.toString());
        assertEquals("work-apps", file.name());
        assertEquals(ScopeFiles.sha256(Files.readAllBytes(example)), file.sha256());
        PipelineFlags flags = new PipelineFlags();
        new CommandLine(flags).parseArgs("--scope", example.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> described = (Map<String, Object>) flags.config().describe().get("scope");
        assertEquals("work-apps", described.get("name"));
        assertEquals(file.sha256(), described.get("sha256"));
    }

    @Test
    void mistakesNameTheFlag(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"allow\": [{\"app\": \"re:(\"}]}");
        var bad = assertThrows(IllegalArgumentException.class, () -> scope("--scope", dir.resolve("bad.json").toString()));
        assertTrue(bad.getMessage().startsWith("--scope: ") && bad.getMessage().contains("allow[0]"), bad.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> scope("--scope", dir.resolve("none.json").toString()));
        assertTrue(missing.getMessage().contains("--scope: cannot read"), missing.getMessage());
        var both = assertThrows(IllegalArgumentException.class,
                () -> scope("--scope", dir.resolve("bad.json").toString(), "--scope-allow", "Slack"));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> scope("--scope-allow", "Google Chrome:"));
        assertTrue(empty.getMessage().contains("--scope-allow"), empty.getMessage());
    }
}
