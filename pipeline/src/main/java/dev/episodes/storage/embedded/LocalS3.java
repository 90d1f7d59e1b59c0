package dev.episodes.storage.embedded;

import dev.episodes.storage.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A real S3-compatible server (S3Proxy with its {@code filesystem-nio2} backend) on 127.0.0.1 with a free
 * port and signed requests under a generated key, run as a child JVM from its own runnable jar (it brings
 * its own logback, Jackson and Guava, which must stay off our class path): the demo's and the tests'. A
 * bucket is a folder under {@code dir/data}, an object a plain file in it. It can be stopped and started
 * again on the same port and folder (an outage).
 *
 * <p>Clients reach it through a front in this JVM that passes one request at a time
 * ({@link OneRequestAtATime}): S3Proxy's conditional PUT is a check then a write, and it writes objects in
 * place, so without it two racing exclusive creates could both win and a reader could get half an
 * object, neither of which S3 allows.
 */
public final class LocalS3 implements AutoCloseable {
    /** System property naming the S3Proxy jar, when it is not where the build puts it. */
    public static final String JAR_PROPERTY = "episodes.s3proxy.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path jar;
    private final int port;
    private final int backendPort;
    private final String accessKey;
    private final String secretKey;
    private Process process;
    private OneRequestAtATime front;
    private S3Client client;

    private LocalS3(Path dir, Path jar, int port, int backendPort, String accessKey, String secretKey) {
        this.dir = dir;
        this.jar = jar;
        this.port = port;
        this.backendPort = backendPort;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts a server keeping its buckets under {@code dir}; returns once it answers signed requests. */
    public static LocalS3 start(Path dir, Path jar) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("data"));
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        LocalS3 s3 = new LocalS3(dir.toAbsolutePath(), jar.toAbsolutePath(), freePort(), freePort(),
                "local" + HexFormat.of().toHexDigits(random.nextInt()), HexFormat.of().formatHex(secret));
        s3.writeConfig();
        s3.start();
        return s3;
    }

    /** Starts a server with the jar found by {@link #findJar()}. */
    public static LocalS3 start(Path dir) throws IOException, InterruptedException {
        return start(dir, findJar());
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the objects are: {@code <folder>/<bucket>/<key>}. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("s3proxy.log");
    }

    /** Flink's settings that reach this server ({@code s3.endpoint}, path-style access, the key). */
    public StoreSettings settings() {
        return new StoreSettings(Map.of(
                "s3.endpoint", endpoint(),
                "s3.path.style.access", "true",
                "s3.access-key", accessKey,
                "s3.secret-key", secretKey,
                // Hadoop 3.3's S3A (inside Flink's S3 plugin) deletes parent folder markers after each
                // write; against S3Proxy that clean-up can stall for minutes. Hadoop 3.4 keeps them too.
                "fs.s3a.directory.marker.retention", "keep"));
    }

    /** Creates a bucket (no error when it exists). */
    public void createBucket(String name) {
        try {
            client().createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // already there: fine
        }
    }

    private void writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + backendPort);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", accessKey);
        p.setProperty("s3proxy.credential", secretKey);
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.filesystem.basedir", dataDir().toString());
        p.setProperty("jclouds.identity", "local");
        p.setProperty("jclouds.credential", "local");
        try (var out = Files.newOutputStream(dir.resolve("s3proxy.properties"))) {
            p.store(out, "LocalS3");
        }
        // Its own logging (DEBUG by default): requests at INFO would flood the file, so WARN and up.
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul.s3proxy.Main" level="INFO"/>
                  <root level="WARN"><appender-ref ref="FILE"/></root>
                </configuration>
                """);
    }

    /** Starts (or restarts, on the same port and folder) the server and waits until it answers. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--properties");
        cmd.add(dir.resolve("s3proxy.properties").toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
        front = new OneRequestAtATime(port, backendPort);
        front.start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with " + process.exitValue() + "; see " + logFile());
            }
            if (answers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy not ready after " + READY_TIMEOUT + "; see " + logFile());
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException notYet) {
            return false;
        }
        try {
            client().listBuckets();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Stops the server (its buckets stay, so {@link #start()} resumes them). */
    public void stop() throws InterruptedException {
        if (front != null) {
            front.close();
        }
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)))
                    .endpointOverride(URI.create(endpoint()))
                    .forcePathStyle(true)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                    .build();
        }
        return client;
    }

    /**
     * The S3Proxy jar: the {@value #JAR_PROPERTY} system property, else {@code embedded/s3proxy.jar} where
     * the build copies it ({@code pipeline/target}, {@code jobs/target}), looked up from the working folder
     * and from the jar or classes folder this class runs from.
     */
    public static Path findJar() throws IOException {
        String prop = System.getProperty(JAR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            if (!Files.isRegularFile(p)) {
                throw new IOException("-D" + JAR_PROPERTY + "=" + prop + " names no file");
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        List<Path> bases = new ArrayList<>();
        bases.add(Path.of("").toAbsolutePath());
        try {
            Path self = Path.of(LocalS3.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            bases.add(self.getParent()); // jobs/target for jobs/target/episodes.jar, pipeline/target for classes
            if (self.getParent() != null && self.getParent().getParent() != null) {
                bases.add(self.getParent().getParent());
                bases.add(self.getParent().getParent().getParent());
            }
        } catch (Exception unknown) {
            // no code source (unusual class loader): the working folder only
        }
        for (Path base : bases) {
            if (base == null) {
                continue;
            }
            candidates.add(base.resolve("embedded/s3proxy.jar"));
            candidates.add(base.resolve("target/embedded/s3proxy.jar"));
            candidates.add(base.resolve("pipeline/target/embedded/s3proxy.jar"));
            candidates.add(base.resolve("jobs/target/embedded/s3proxy.jar"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        throw new IOException("no S3Proxy jar found (looked for embedded/s3proxy.jar under "
                + bases.stream().filter(b -> b != null).map(Path::toString).distinct().toList()
                + "): build it with `mvn -B -pl pipeline package -DskipTests` or set -D" + JAR_PROPERTY + "=FILE");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (client != null) {
            client.close();
        }
    }
}
