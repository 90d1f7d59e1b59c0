package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.StoreSettings;
import dev.episodes.storage.embedded.LocalS3;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real S3 server (S3Proxy, a child process): a wrong endpoint, a missing bucket or a wrong
 * secret stop replay, nightly and stream before any work with one line naming the setting, exit 2; and
 * the right settings pass the check without leaving anything in the bucket.
 */
class S3PreflightITCase {
    @TempDir
    static Path dir;
    static LocalS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(dir.resolve("s3"));
        s3.createBucket("episodes");
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @AfterEach
    void reset() throws Exception {
        StoreSettings.none().apply();
    }

    private static List<String> flags(String endpoint, String secret) {
        return List.of("-D", "s3.endpoint=" + endpoint, "-D", "s3.path.style.access=true",
                "-D", "s3.access-key=" + s3.accessKey(), "-D", "s3.secret-key=" + secret);
    }

    private static EpisodesCliTest.Run replay(String out, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("a.jsonl").toString(), "--out", out));
        args.addAll(settings);
        return EpisodesCliTest.run(args.toArray(String[]::new));
    }

    private static void assertOneLine(EpisodesCliTest.Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: --out s3://"), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in: " + r.err());
        }
        assertFalse(r.err().contains(s3.secretKey()), "the secret is never printed: " + r.err());
    }

    @Test
    void aWrongEndpointNamesTheSetting() {
        assertOneLine(replay("s3://episodes/ds", flags("http://127.0.0.1:1", s3.secretKey())),
                "cannot reach s3.endpoint=http://127.0.0.1:1");
    }

    @Test
    void aMissingBucketSaysSo() {
        assertOneLine(replay("s3://no-such-bucket/ds", flags(s3.endpoint(), s3.secretKey())),
                "bucket no-such-bucket does not exist");
        EpisodesCliTest.Run nightly = EpisodesCliTest.run(Stream.concat(Stream.of("nightly", "--pseudonym-key-file",
                TestKey.path(), "--input", dir.resolve("a.jsonl").toString(), "--out", "s3://no-such-bucket/ds",
                "--date", "2026-11-30"), flags(s3.endpoint(), s3.secretKey()).stream()).toArray(String[]::new));
        assertOneLine(nightly, "bucket no-such-bucket does not exist");
        EpisodesCliTest.Run stream = EpisodesCliTest.run(Stream.concat(Stream.of("stream", "--pseudonym-key-file",
                TestKey.path(), "--bootstrap", "127.0.0.1:1", "--out", "s3://no-such-bucket/ds"),
                flags(s3.endpoint(), s3.secretKey()).stream()).toArray(String[]::new));
        assertOneLine(stream, "bucket no-such-bucket does not exist");
    }

    @Test
    void aWrongSecretNamesTheCredentialSettings() {
        assertOneLine(replay("s3://episodes/ds", flags(s3.endpoint(), "not-" + s3.secretKey())),
                "refused the credentials", "s3.secret-key");
    }

    @Test
    void settingsFromTheConfigFileWorkAsDashD() throws Exception {
        Path conf = dir.resolve("s3.properties");
        Files.writeString(conf, "s3.endpoint=" + s3.endpoint() + "\ns3.path.style.access=true\ns3.access-key="
                + s3.accessKey() + "\ns3.secret-key=" + s3.secretKey() + "\n");
        EpisodesCliTest.Run r = EpisodesCliTest.run("--config", conf.toString(), "replay", "--pseudonym-key-file",
                TestKey.path(), "--input", dir.resolve("a.jsonl").toString(), "--out", "s3://no-such-bucket/ds");
        assertOneLine(r, "bucket no-such-bucket does not exist");
    }

    @Test
    void theRightSettingsPassAndLeaveNothingBehind() throws Exception {
        // Keep S3A's directory markers: its clean-up of fake parent folders (a multi-object delete) after
        // the probe's delete does not come back from S3Proxy (S3A then waits for minutes).
        EpisodesCli.applySettings(s3.settings().with("fs.s3a.directory.marker.retention", "keep"));
        Preflight.store(DatasetRoot.parse("s3://episodes/read-only"), "ROOT", false);
        Preflight.output(DatasetRoot.parse("s3://episodes/checked"), "--out");
        try (Stream<Path> left = Files.walk(s3.dataDir().resolve("episodes"))) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "the probe is deleted");
        }
    }
}
