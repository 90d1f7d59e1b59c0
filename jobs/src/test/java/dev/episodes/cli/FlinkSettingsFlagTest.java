package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreSettings;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -D key=value and the --config file's Flink keys become the run's Flink settings, on every command. */
class FlinkSettingsFlagTest {
    @AfterEach
    void reset() throws Exception {
        StoreSettings.none().apply();
    }

    private static EpisodesCliTest.Run replayNothing(Path dir, String... more) {
        String[] base = {"--pseudonym-key-file", TestKey.path(), "--input", dir.resolve("nope.jsonl").toString(),
                "--out", dir.resolve("o").toString()};
        String[] all = new String[more.length + base.length + 1];
        System.arraycopy(more, 0, all, 0, more.length);
        all[more.length] = "replay";
        System.arraycopy(base, 0, all, more.length + 1, base.length);
        return EpisodesCliTest.run(all);
    }

    @Test
    void dashDOnTheCommandOrBeforeItSetsFlinkSettings(@TempDir Path dir) {
        EpisodesCliTest.Run r = EpisodesCliTest.run("replay", "-D", "s3.endpoint=http://127.0.0.1:9", "-Ds3.path.style.access=true",
                "--pseudonym-key-file", TestKey.path(), "--input", dir.resolve("nope.jsonl").toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err()); // the missing input, after the settings were applied
        assertEquals("http://127.0.0.1:9", StoreSettings.current().get("s3.endpoint"));
        assertEquals("true", StoreSettings.current().get("s3.path.style.access"));

        replayNothing(dir, "-D", "fs.s3a.connection.maximum=7");
        assertEquals("7", StoreSettings.current().get("fs.s3a.connection.maximum"));
        assertNull(StoreSettings.current().get("s3.endpoint"), "each run starts from its own settings");
    }

    @Test
    void theEmbeddedClusterGetsTheSameSettings(@TempDir Path dir) {
        replayNothing(dir, "-D", "s3.endpoint=http://127.0.0.1:9", "-D", "pipeline.generic-types=true");
        Configuration conf = EmbeddedFlink.configuration();
        assertEquals("http://127.0.0.1:9", conf.toMap().get("s3.endpoint"));
        assertEquals("false", conf.toMap().get("pipeline.generic-types"), "what the CLI decides wins");
    }

    @Test
    void flinkKeysInTheConfigFilePassThroughAndDashDWins(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("episodes.properties");
        Files.writeString(conf, "session-gap=10m\ns3.endpoint=http://from-file:1\ns3.access-key=k\n"
                + "s3.secret-key=very-secret\nhadoop.fs.defaultFS=hdfs://nn:8020\n");
        EpisodesCliTest.Run r = replayNothing(dir, "--config", conf.toString(), "-D", "s3.endpoint=http://from-flag:2");
        assertTrue(r.err().contains("input does not exist"), "not refused as an unknown key: " + r.err());
        StoreSettings s = StoreSettings.current();
        assertEquals("http://from-flag:2", s.get("s3.endpoint"));
        assertEquals("k", s.get("s3.access-key"));
        assertEquals("hdfs://nn:8020", s.get("hadoop.fs.defaultFS"));
        assertNull(s.get("session-gap"), "a flag of the file is no Flink setting");
        assertFalse(s.toString().contains("very-secret"), s.toString());
        assertFalse(r.err().contains("very-secret") || r.out().contains("very-secret"));
    }

    @Test
    void aTypoOfAFlagInTheConfigFileIsStillRefused(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("episodes.properties");
        Files.writeString(conf, "s3.endpoint=http://x:1\nsesion-gap=10m\n");
        EpisodesCliTest.Run r = replayNothing(dir, "--config", conf.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'sesion-gap'"), r.err());
        assertTrue(ConfigFile.isFlinkKey("s3.endpoint") && ConfigFile.isFlinkKey("fs.s3a.endpoint")
                && ConfigFile.isFlinkKey("state.checkpoints.dir"));
        assertFalse(ConfigFile.isFlinkKey("replay.session-gap") || ConfigFile.isFlinkKey("s3.")
                || ConfigFile.isFlinkKey("session-gap"));
    }

    @Test
    void aDashDWithoutValueIsAUsageError() {
        EpisodesCliTest.Run r = EpisodesCliTest.run("inspect", "-D", "s3.endpoint", "/nowhere");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("-D"), r.err());
    }

    @Test
    void everyCommandTakesDashD() {
        for (String command : new String[] {"replay", "stream", "nightly", "inspect", "erase", "expire", "generate",
                "demo", "publish", "bench"}) {
            String help = EpisodesCliTest.run(command, "--help").out();
            assertTrue(help.contains("-D=KEY=VALUE") || help.contains("-D KEY=VALUE"), command + ": " + help);
        }
    }
}
