package dev.episodes.storage.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HDFS (Hadoop's MiniDFSCluster: one namenode, one datanode) on 127.0.0.1 as a child JVM, for the
 * demo: its jars (the shaded minicluster and client, and the few libraries they expect) stay off our
 * classpath, in a folder the build fills ({@code jobs/target/embedded/hdfs}). Its data lives under the
 * given folder, so a server started again on the same folder serves the same files.
 */
public final class LocalHdfsProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String MAIN = "org.apache.hadoop.test.MiniDFSClusterManager";

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalHdfsProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts HDFS with its data under {@code dir} (formatted when new) and waits until it serves. */
    public static LocalHdfsProcess start(Path dir, Path jars) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        boolean fresh = !Files.isDirectory(dir.resolve("data"));
        int port = freePort();
        Path details = dir.resolve("details.json");
        Files.deleteIfExists(details);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dtest.build.data=" + dir.resolve("data").toAbsolutePath(), "-cp", classpath(jars), MAIN));
        if (fresh) {
            cmd.add("-format");
        }
        cmd.addAll(List.of("-nnport", String.valueOf(port), "-datanodes", "1", "-writeDetails", details.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("hdfs.log").toFile())
                .start();
        LocalHdfsProcess hdfs = new LocalHdfsProcess(dir, port, p);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!(Files.exists(details) && Files.size(details) > 0)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                hdfs.close();
                throw new IOException("the embedded HDFS did not start within " + READY_TIMEOUT.toSeconds()
                        + " s: see " + dir.resolve("hdfs.log"));
            }
            Thread.sleep(100);
        }
        return hdfs;
    }

    /** {@code hdfs://127.0.0.1:<port>}. */
    public String uri() {
        return "hdfs://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** The folder of the HDFS jars the build copies ({@code embedded/hdfs} under the jar's or the working folder). */
    public static Path findJars() throws IOException {
        List<Path> bases = new ArrayList<>();
        bases.add(Path.of("").toAbsolutePath());
        try {
            Path self = Path.of(LocalHdfsProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path b = self.getParent(); b != null && bases.size() < 5; b = b.getParent()) {
                bases.add(b);
            }
        } catch (Exception unknown) {
            // no code source: the working folder only
        }
        for (Path base : bases) {
            for (Path c : List.of(base.resolve("embedded/hdfs"), base.resolve("jobs/target/embedded/hdfs"))) {
                if (Files.isDirectory(c)) {
                    return c;
                }
            }
        }
        throw new IOException("no embedded HDFS jars found (embedded/hdfs under " + bases + "): build with "
                + "`mvn -B -DskipTests package`");
    }

    private static String classpath(Path jars) throws IOException {
        try (Stream<Path> files = Files.list(jars)) {
            List<String> cp = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toString).sorted().toList();
            if (cp.isEmpty()) {
                throw new IOException("no jar in " + jars);
            }
            return String.join(java.io.File.pathSeparator, cp);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
