package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInputsFlagTest {
    @Test
    void aBadOrMissingSecretInputsFileFailsAtStartNamingTheFlag(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Files.writeString(dir.resolve("bad.conf"), "[prompts]\nmysql (unclosed\n");
        EpisodesCliTest.Run bad = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("a.jsonl").toString(),
                "--out", dir.resolve("o").toString(), "--secret-inputs", dir.resolve("bad.conf").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--secret-inputs") && bad.err().contains("line 2"), bad.err());
        EpisodesCliTest.Run missing = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("a.jsonl").toString(),
                "--out", dir.resolve("o").toString(), "--secret-inputs", dir.resolve("none.conf").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--secret-inputs: cannot read"), missing.err());
    }
}
