package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.cli.EpisodesCliTest.Run;
import dev.episodes.testing.Await;
import dev.episodes.testing.TestKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, on the embedded cluster: silent successes are answers now. An erasure that matches nothing,
 * a nightly day without input, a second build on a root in use; and a backfill counts its days.
 */
class CliBuildsITCase {
    @TempDir
    static Path dir;
    static Path input;

    /** A run with the commands' own System.out/err captured too (they print summaries and warnings there). */
    record Full(int code, String out, String err) {}

    static synchronized Full run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            Run r = EpisodesCliTest.run(args);
            return new Full(r.code(), r.out() + o.toString(StandardCharsets.UTF_8), r.err() + e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @BeforeAll
    static void generate() {
        input = dir.resolve("in/activity.jsonl");
        assertEquals(0, run("generate", "--people", "2", "--minutes", "4", "--seed", "9", "--out", input.toString()).code());
    }

    private static Map<String, Long> files(Path root) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.size(p));
            }
        }
        return out;
    }

    @Test
    void anErasureThatMatchesNothingExits1AndWritesNothing() throws Exception {
        Path root = dir.resolve("erase");
        assertEquals(0, run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString(), "--parallelism", "2").code());
        Map<String, Long> before = files(root);
        Full none = run("erase", "--pseudonym-key-file", TestKey.path(),
                "--user", "u-nobody", "--root", root.toString());
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().strip().startsWith("warning: nothing to erase: no partition built with key"), none.err());
        assertEquals(1, none.err().strip().split("\\R").length, none.err());
        assertEquals(0, dev.episodes.writing.Erasure.records(dev.episodes.storage.Store.local(root)).size(),
                "no audit record for an erasure of nothing");
        assertEquals(before, files(root), "nothing changed");

        Full real = run("erase", "--pseudonym-key-file", TestKey.path(), "--user", "u-1001", "--root", root.toString());
        assertEquals(0, real.code(), real.err());
        assertEquals(1, dev.episodes.writing.Erasure.records(dev.episodes.storage.Store.local(root)).size());
        assertEquals(1, run("erase", "--pseudonym-key-file", TestKey.path(),
                "--user", "u-1001", "--root", root.toString()).code(), "already erased: nothing");
        assertEquals(1, dev.episodes.writing.Erasure.records(dev.episodes.storage.Store.local(root)).size());

        // The root was built with the default --identity episode: a stable run into it is one error line.
        Map<String, Long> erased = files(root);
        Full other = run("replay", "--pseudonym-key-file", TestKey.path(), "--identity", "stable",
                "--input", input.toString(), "--out", root.toString(), "--parallelism", "2");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().strip().startsWith("error: the dataset at this root holds --identity episode"),
                other.err());
        assertEquals(1, other.err().lines().filter(l -> l.startsWith("error:")).count(), other.err());
        assertFalse(other.err().contains("Exception"), other.err());
        assertEquals(erased, files(root), "nothing written");
    }

    @Test
    void aNightlyDayWithoutInputExits1AndPublishesNothingUnlessAllowed() throws Exception {
        Path root = dir.resolve("nightly");
        for (String[] date : new String[][] {{"--date", "2027-01-01"}, {"--date", "1970-01-01"}, {}}) {
            String[] args = Stream.concat(Stream.of("nightly", "--pseudonym-key-file", TestKey.path(),
                    "--input", input.toString(), "--out", root.toString()),
                    Stream.of(date)).toArray(String[]::new);
            Full r = run(args);
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("warning: no input for dt=") && r.err().contains("events of 2026-11-27")
                    && r.err().contains("--allow-empty"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        try (Stream<Path> parts = Files.list(root)) {
            assertFalse(parts.anyMatch(p -> p.getFileName().toString().startsWith("dt=")), "no empty partition published");
        }
        Full allowed = run("nightly", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString(), "--date", "2027-01-01",
                "--allow-empty", "--parallelism", "2");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(Files.exists(root.resolve("dt=2027-01-01/_SUCCESS")), "--allow-empty: the empty complete partition");
    }

    @Test
    void aBackfillCountsItsDaysAndSkipsThoseWithoutInput() throws Exception {
        Path root = dir.resolve("backfill");
        Full r = run("nightly", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString(), "--from-date", "2026-11-26",
                "--to-date", "2026-11-28", "--parallelism", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("Backfill of 3 days, 2026-11-26 to 2026-11-28"), r.err());
        assertTrue(r.err().contains("Building dt=2026-11-27 (day 2 of 3)"), r.err());
        assertTrue(r.err().contains("2 of 3 days had no input and were not built"), r.err());
        assertTrue(Files.exists(root.resolve("dt=2026-11-27/_SUCCESS")));
        assertFalse(Files.exists(root.resolve("dt=2026-11-26")));
        assertTrue(r.out().contains("This run (") && r.out().contains("Dataset now: 1 partitions"), r.out());
    }

    @Test
    void aSecondBuildOnARootInUseIsRefusedWhileTheFirstFinishes() throws Exception {
        Path root = dir.resolve("race");
        Path lease = root.resolve("_meta/lease.json");
        CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input",
                input.toString(), "--out", root.toString(), "--parallelism", "2"));
        Await.until("the first build to hold the root", Duration.ofSeconds(60),
                () -> first.isDone() || Files.exists(lease) && Files.size(lease) > 0);
        assertFalse(first.isDone(), "the first build was still running");
        Run second = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString());
        String line = ErrorPolicyTest.assertOneErrorLine(second, 2);
        assertTrue(line.contains("another build is writing to " + root + ": replay (pid "), line);
        assertEquals(0, first.get(120, TimeUnit.SECONDS).code(), "the first build is undisturbed");
        assertEquals(0, Files.size(lease), "released at the end");
        assertEquals(0, EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString(),
                "--parallelism", "2").code(), "and the root is free again");
    }

    @Test
    void inspectVerifySaysWhatItChecked() throws Exception {
        Path root = dir.resolve("verify");
        assertEquals(0, run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", root.toString(), "--parallelism", "2").code());
        Full ok = run("inspect", root.toString(), "--verify");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().matches("(?s).*\\nverified: SHA-256 and size of [1-9]\\d* files \\([\\d,]+ bytes\\) listed in "
                + "the manifests: all match\\n$"), ok.out());
        Path shard;
        try (Stream<Path> walk = Files.walk(root)) {
            shard = walk.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 1; // same size, other content
        Files.write(shard, bytes);
        Full bad = run("inspect", root.toString(), "--verify");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("listed in the manifests: 1 do not match or are missing (listed above)"), bad.out());
    }
}
