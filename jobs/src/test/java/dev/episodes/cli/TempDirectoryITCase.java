package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.TestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that starts an embedded Flink cluster leaves {@code java.io.tmpdir} as it found it (Flink
 * alone leaves a 21 MB {@code flink-rpc-akka*.jar} and a {@code minicluster_*} folder there per run).
 */
class TempDirectoryITCase {
    static int run(Path tmp, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", RunnableJarITCase.QUICK_JIT, "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-jar", RunnableJarITCase.JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return p.exitValue();
    }

    @Test
    void aReplayLeavesTheTemporaryDirectoryAsItFoundIt(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path before = Files.writeString(tmp.resolve("someone-elses-file"), "kept");
        Path log = dir.resolve("run.log");
        assertEquals(0, run(tmp, log, "generate", "--out", dir.resolve("in.jsonl").toString(), "--people", "1",
                "--minutes", "2"), Files.readString(log, StandardCharsets.UTF_8));
        assertEquals(0, run(tmp, log, "replay", "--pseudonym-key-file", TestKey.path(),
                "--input", dir.resolve("in.jsonl").toString(), "--out",
                dir.resolve("ds").toString(), "--parallelism", "2"), Files.readString(log, StandardCharsets.UTF_8));
        assertTrue(Files.exists(dir.resolve("ds/_meta/info.json")), "the replay ran");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(before), left.toList(), "only what was there before");
        }
    }
}
