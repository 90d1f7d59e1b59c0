package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.cli.EpisodesCliTest.Run;
import dev.episodes.flink.runs.JobStalledException;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.DatasetLease;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.client.JobExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12: one policy for every command: one {@code error:} line with what to do, and a documented exit code. */
class ErrorPolicyTest {
    static Run run(String... args) {
        return EpisodesCliTest.run(args);
    }

    /** Exit {@code code}, nothing on stdout, and stderr exactly one {@code error:} line without a stack trace. */
    static String assertOneErrorLine(Run r, int code) {
        assertEquals(code, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("error: "), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("at dev.") || r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Usage:") || r.out().contains("Usage:"), "no full usage for a mistake");
        return lines[0];
    }

    @Test
    void noArgumentsIsAShortUsageAndExit2() {
        Run r = run();
        assertEquals(2, r.code());
        assertTrue(r.out().isEmpty());
        assertTrue(r.err().startsWith("usage: episodes <command>") && r.err().contains("replay, stream"), r.err());
        assertTrue(r.err().strip().split("\\R").length <= 2, "short: " + r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nightly", "replay", "erase"})
    void helpIsTheFullUsageAndExit0(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: episodes " + command) && r.err().isEmpty(), r.out());
    }

    @Test
    void aBadFlagIsOneLineSayingWhereHelpIs(@TempDir Path dir) {
        String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", dir.resolve("o").toString(),
                "--sesion-gap", "5m"), 2);
        assertTrue(line.contains("--sesion-gap") && line.contains("see ./episodes replay --help"), line);
        String size = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", dir.toString(),
                "--target-file-size", "huge"), 2);
        assertTrue(size.contains("not a size (e.g. 256MB"), "the converter's message, unwrapped: " + size);
    }

    @Test
    void anOutputThatIsAFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("a.jsonl");
        Files.writeString(input, "{}\n");
        String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", input.toString()), 2);
        assertTrue(line.contains("is a file, not a folder"), line);
        assertOneErrorLine(run("nightly", "--pseudonym-key-file", TestKey.path(),
                "--date", "2026-11-27", "--input", input.toString(), "--out",
                input.toString()), 2);
        // The streaming job too: refused before it contacts a broker or makes its state folder.
        String stream = assertOneErrorLine(run("stream", "--pseudonym-key-file", TestKey.path(), "--bootstrap", "127.0.0.1:1", "--out", input.toString()), 2);
        assertTrue(stream.contains("is a file, not a folder"), stream);
        assertFalse(Files.exists(dir.resolve("a.jsonl.state")), "no state folder for a refused stream");
    }

    @Test
    void anOutputWhereNothingCanBeWrittenIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("a.jsonl");
        Files.writeString(input, "{}\n");
        String under = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", "/proc/episodes-out"), 2);
        assertTrue(under.contains("cannot be created"), under);
        // An existing folder that refuses files (as a read-only mount does, even for root).
        String existing = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out", "/proc"), 2);
        assertTrue(existing.contains("--out /proc is not writable"), existing);
        assertOneErrorLine(run("generate", "--out", "/proc/activity.jsonl"), 2);
    }

    @Test
    void aDatasetInsideTheInputFolderIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(), "--input", dir.toString(), "--out", dir.resolve("ds").toString()), 2);
        assertTrue(line.contains("is inside --input"), line);
        assertFalse(Files.exists(dir.resolve("ds")), "refused before creating anything");
        assertOneErrorLine(run("nightly", "--pseudonym-key-file", TestKey.path(), "--date", "2026-11-27", "--input", dir.toString(), "--out",
                dir.resolve("ds").toString()), 2);
    }

    @Test
    void aMissingInputIsOneLine(@TempDir Path dir) {
        String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("nope").toString(), "--out",
                dir.resolve("o").toString()), 2);
        assertTrue(line.contains("input does not exist"), line);
        assertFalse(Files.exists(dir.resolve("o")), "refused before creating anything");
        assertOneErrorLine(run("publish", "--input", dir.resolve("nope.jsonl").toString(), "--bootstrap", "127.0.0.1:1"), 2);
    }

    @Test
    void parallelismBeyondTheMachineIsRefusedWithTheLimit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.toString(), "--out", dir.resolve("o").toString(),
                "--parallelism", "1000"), 2);
        int max = Limits.maxParallelism(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
        assertTrue(line.contains("--parallelism 1000 is more than this machine can run: at most " + max), line);
        assertOneErrorLine(run("stream", "--pseudonym-key-file", TestKey.path(),
                "--bootstrap", "127.0.0.1:1", "--out", dir.toString(), "--parallelism", "-3"), 2);
    }

    @Test
    void theLimitComesFromCoresAndHeap() {
        assertEquals(8, Limits.maxParallelism(2, 2L << 30), "4 per core");
        assertEquals(4, Limits.maxParallelism(64, 256L << 20), "a small heap: 64 MB each");
        assertEquals(1, Limits.maxParallelism(1, 1L << 20));
        Limits.checkParallelism(8, 2, 2L << 30);
        assertThrows(IllegalArgumentException.class, () -> Limits.checkParallelism(9, 2, 2L << 30));
    }

    @Test
    void anUnknownConfigKeyIsAnErrorNamingItAndTheNearestKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("episodes.properties");
        Files.writeString(conf, "session-gap=10m\nsesion-gap=5m\n");
        String line = assertOneErrorLine(run("--config", conf.toString(), "replay", "--help"), 2);
        assertTrue(line.contains("unknown key 'sesion-gap' in --config " + conf) && line.contains("did you mean 'session-gap'"),
                line);
        Files.writeString(conf, "replay.session-gap=10m\nbootstrap=127.0.0.1:9092\n");
        assertEquals(0, run("--config", conf.toString(), "replay", "--help").code(),
                "keys of any command, plain or qualified, are known");
        Files.writeString(conf, "colour=blue\n");
        String far = assertOneErrorLine(run("--config", conf.toString(), "replay", "--help"), 2);
        assertFalse(far.contains("did you mean"), "no far-fetched suggestion: " + far);
    }

    @Test
    void aMissingKeyFileIsOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        String line = assertOneErrorLine(run("replay", "--input", dir.toString(), "--out", dir.resolve("o").toString(),
                "--pseudonym-key-file", dir.resolve("nokey").toString()), 2);
        assertTrue(line.contains("--pseudonym-key-file") && line.contains("does not exist"), line);
        assertFalse(Files.exists(dir.resolve("o")), "refused before creating the output");
    }

    @Test
    void aRootAnotherBuildHoldsIsRefusedNamingThatBuild(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), "{}\n");
        Path out = dir.resolve("dataset");
        try (DatasetLease other = DatasetLease.acquire(out, "nightly", m -> { })) {
            String line = assertOneErrorLine(run("replay", "--pseudonym-key-file", TestKey.path(),
                    "--input", dir.resolve("a.jsonl").toString(), "--out",
                    out.toString()), 2);
            assertTrue(line.contains("another build is writing to " + out + ": nightly (pid "
                    + ProcessHandle.current().pid()) && line.contains("wait for it to finish"), line);
            // Erasure and retention commit through the protocol beside any writer (issue 14): not refused.
            Files.createDirectories(out.resolve("dt=2026-11-27"));
            assertEquals(1, run("erase", "--pseudonym-key-file", TestKey.path(),
                    "--user", "u-1", "--root", out.toString()).code(), "runs, and finds nobody to erase");
            assertEquals(0, run("expire", "--root", out.toString(), "--older-than", "90d").code());
        }
    }

    @Test
    void aSecondStreamOnOneDatasetIsRefusedBeforeItTouchesTheCheckpoints(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dataset");
        Path checkpoints = dir.resolve("dataset.state/checkpoints");
        // The first stream holds the lease beside its checkpoints; a second would restore them and commit twice.
        try (DatasetLease first = DatasetLease.acquire(checkpoints, "stream " + out, m -> { })) {
            String line = assertOneErrorLine(run("stream", "--pseudonym-key-file", TestKey.path(), "--bootstrap", "127.0.0.1:1", "--out", out.toString()), 2);
            assertTrue(line.contains("stream " + out) && line.contains("wait for it to finish"), line);
        }
        // A bounded build of the same root is not held off by a streaming job.
        try (DatasetLease stream = DatasetLease.acquire(checkpoints, "stream " + out, m -> { });
                DatasetLease build = DatasetLease.acquire(out, "nightly", m -> { })) {
            assertTrue(build.holder().owner().equals("nightly"));
        }
    }

    @Test
    void eraseAndExpireRefuseWhatIsNotADataset(@TempDir Path dir) {
        String line = assertOneErrorLine(run("erase", "--pseudonym-key-file", TestKey.path(),
                "--user", "u-1", "--root", dir.toString()), 2);
        assertTrue(line.contains("is not an episode dataset"), line);
        assertOneErrorLine(run("expire", "--root", dir.resolve("nope").toString(), "--older-than", "90d"), 2);
        assertFalse(Files.exists(dir.resolve("_meta")), "nothing written into a folder that is not a dataset");
    }

    @Test
    void anUnexpectedFailureIsOneLineWithAHintAndExit4() {
        StringWriter err = new StringWriter();
        Exception deep = new JobExecutionException(null, "Job execution failed.",
                new RuntimeException(new AccessDeniedException("/data/ds/_staging/x.parquet")));
        int code = ErrorLine.report(new PrintWriter(err, true), deep, false);
        assertEquals(4, code);
        assertEquals("error: permission denied: /data/ds/_staging/x.parquet (rerun with --verbose or EPISODES_DEBUG=1 "
                + "for the stack trace)\n", err.toString());
        StringWriter oom = new StringWriter();
        ErrorLine.report(new PrintWriter(oom, true), new RuntimeException(new OutOfMemoryError("Java heap space")), false);
        assertTrue(oom.toString().startsWith("error: out of memory; raise the heap"), oom.toString());
        StringWriter verbose = new StringWriter();
        ErrorLine.report(new PrintWriter(verbose, true), deep, true);
        assertTrue(verbose.toString().contains("\tat "), "the trace when asked for");
    }

    @Test
    void aStalledRunIsExit5WithTheWatchdogsMessage() {
        StringWriter err = new StringWriter();
        int code = ErrorLine.report(new PrintWriter(err, true), new RuntimeException(
                new JobStalledException("no progress for 10m: still busy: 'timeline'")), false);
        assertEquals(5, code);
        assertEquals("error: no progress for 10m: still busy: 'timeline'\n", err.toString());
    }

    @Test
    void debugComesFromTheEnvironment() {
        assertTrue(EpisodesCli.debugFromEnvironment(Map.of("EPISODES_DEBUG", "1")));
        assertFalse(EpisodesCli.debugFromEnvironment(Map.of("EPISODES_DEBUG", "0")));
        assertFalse(EpisodesCli.debugFromEnvironment(Map.of()));
    }

    @Test
    void nearestKeyOnlyForTypos() {
        Set<String> known = Set.of("session-gap", "max-episode", "parallelism");
        assertEquals("parallelism", ConfigFile.nearest("paralelism", known));
        assertEquals(null, ConfigFile.nearest("colour", known));
        assertEquals(null, ConfigFile.nearest("x", Set.of("to")), "one letter is no typo of two");
    }

    @Test
    void progressShowsShareAndEtaWhenTheSizeIsKnown() {
        assertEquals("  25% of ~1,000  ETA 3s", Terminal.share(250, 1000, 250));
        assertEquals("  100% of ~1,000", Terminal.share(1200, 1000, 250));
        assertEquals("", Terminal.share(250, -1, 250));
        assertEquals("1h05m", Terminal.duration(3900));
    }

    @Test
    void inputSizeCountsSmallFilesAndEstimatesGzip(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("{\"kind\":\"mouse\",\"ts_us\":").append(i).append("}\n");
        }
        Files.writeString(dir.resolve("a.jsonl"), sb);
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("b.jsonl.gz")))) {
            gz.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(5000, InputSize.lines(dir.resolve("a.jsonl")));
        assertEquals(10000, InputSize.lines(dir));
        assertEquals(-1, InputSize.lines(dir.resolve("nope")));
    }

    @Test
    void inputSizeLeavesAPipeUnread(@TempDir Path dir) throws Exception {
        // Counting a FIFO's lines would consume what the replay must read (and block with no writer).
        Path fifo = dir.resolve("live.jsonl");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor(), "mkfifo");
        long size = java.util.concurrent.CompletableFuture.supplyAsync(() -> InputSize.lines(fifo))
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(-1, size, "no size for a pipe: the progress line shows no percentage");
    }
}
