package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.scope.ScopeCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `replay --scope-allow`: what the command prints counts out-of-scope steps and names none of them. */
class ScopeCliITCase {
    @Test
    void theSummaryCountsOutOfScopeStepsWithoutNamingThem(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("morning.jsonl");
        Files.write(input, ScopeCorpus.events().stream().map(JsonEventEncoder::encode).toList());
        Path key = Files.writeString(dir.resolve("key"), "scope-cli-key-0123456789abcdef");
        // the replay prints its progress and summary on the process's own streams
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        java.io.PrintStream wasErr = System.err;
        EpisodesCliTest.Run run;
        try (java.io.PrintStream both = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(both);
            System.setErr(both);
            run = EpisodesCliTest.run("replay", "--input", input.toString(), "--out", dir.resolve("out").toString(),
                    "--parallelism", "2", "--pseudonym-key-file", key.toString(), "--scope-allow", ScopeCorpus.ALLOW);
        } finally {
            System.setOut(was);
            System.setErr(wasErr);
        }
        String printed = run.out() + run.err() + captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, run.code(), printed);
        assertTrue(printed.contains("out_of_scope"), printed);
        String lower = printed.toLowerCase(Locale.ROOT);
        for (String f : ScopeCorpus.FORBIDDEN) {
            assertFalse(lower.contains(f.toLowerCase(Locale.ROOT)), f + " in: " + printed);
        }
    }
}
