package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.TestKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpisodesCliTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EpisodesCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"replay", "stream", "publish", "generate", "demo", "erase", "expire", "inspect", "bench",
        "compact", "view"})
    void everySubcommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: episodes " + command), r.out());
    }

    @Test
    void topLevelHelpListsTheSubcommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"replay", "stream", "publish", "generate", "demo"}) {
            assertTrue(r.out().contains(c), r.out());
        }
    }

    @Test
    void replayDocumentsDefaults() {
        String help = run("replay", "--help").out();
        assertTrue(help.contains("--session-gap") && help.contains("default: 5m"), help);
        assertTrue(help.contains("--max-episode") && help.contains("default: 30m"), help);
        assertTrue(help.contains("--split-on"), help);
    }

    @Test
    void anInvalidDurationFailsAtStartNamingTheFlag(@TempDir Path dir) {
        Run r = run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", dir.resolve("o").toString(), "--session-gap", "soon");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--session-gap") && r.err().contains("not a duration"), r.err());
    }

    @Test
    void aMissingInputIsAClearError(@TempDir Path dir) {
        Run r = run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("input does not exist"), r.err());
    }

    @Test
    void inconsistentSessionRulesAreRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Run r = run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", dir.resolve("o").toString(),
                "--session-gap", "10m", "--max-episode", "5m");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("shorter than the gap"), r.err());
    }

    @Test
    void settingsCanComeFromAConfigFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("episodes.properties");
        Files.writeString(conf, "split-on=sometimes\n");
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Run fromFile = run("--config", conf.toString(), "replay", "--input", dir.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(2, fromFile.code());
        assertTrue(fromFile.err().contains("--split-on must be none, app or window, got 'sometimes'"), fromFile.err());
        Run missing = run("--config", dir.resolve("nope").toString(), "replay", "--help");
        assertEquals(2, missing.code());
    }

    @Test
    void streamRefusesBadStartingOffsetsAndUnreachableBrokersClearly(@TempDir Path dir) {
        Run bad = run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out", dir.toString(), "--starting-offsets", "soon");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--starting-offsets must be committed, earliest, latest or timestamp"), bad.err());
        Run unreachable = run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out", dir.toString(),
                "--checkpoint-interval", "1s");
        assertEquals(2, unreachable.code());
        assertTrue(unreachable.err().contains("cannot reach Kafka at 127.0.0.1:1"), unreachable.err());
        assertTrue(!unreachable.err().contains("Failed to create"), "the admin client itself is configured right");
    }

    @Test
    void publishRejectsAnUnknownEncoding(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Run r = run("publish", "--input", dir.resolve("a.jsonl").toString(), "--bootstrap", "127.0.0.1:1",
                "--encoding", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--encoding must be json, avro or mixed"), r.err());
    }

    @Test
    void inspectRefusesWhatIsNotADatasetClearly(@TempDir Path dir) throws Exception {
        Run missing = run("inspect", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertEquals("error: no dataset at " + dir.resolve("nope") + ": it does not exist\n", missing.err());
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Run notADataset = run("inspect", dir.toString());
        assertEquals(2, notADataset.code());
        assertTrue(notADataset.err().contains("is not an episode dataset"), notADataset.err());
        Run badDate = run("inspect", dir.toString(), "--date", "29/11/2025");
        assertEquals(2, badDate.code());
        assertTrue(badDate.err().contains("--date must be a date like"), badDate.err());
        Run narrow = run("inspect", dir.toString(), "--width", "40");
        assertEquals(2, narrow.code());
        assertTrue(narrow.err().contains("--width must be at least 80"), narrow.err());
        for (Run r : new Run[] {missing, notADataset, badDate, narrow}) {
            assertTrue(r.out().isEmpty() && !r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void generateIsReproducible(@TempDir Path dir) throws Exception {
        assertEquals(0, run("generate", "--people", "2", "--minutes", "2", "--seed", "5", "--out",
                dir.resolve("a.jsonl").toString()).code());
        assertEquals(0, run("generate", "--people", "2", "--minutes", "2", "--seed", "5", "--out",
                dir.resolve("b.jsonl").toString()).code());
        assertEquals(Files.readString(dir.resolve("a.jsonl")), Files.readString(dir.resolve("b.jsonl")));
    }
}
