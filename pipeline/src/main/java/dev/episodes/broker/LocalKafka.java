package dev.episodes.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) on 127.0.0.1 with free
 * ports, run as a child JVM from a classpath that holds {@code kafka_2.13}: the demo's and the
 * integration tests'. It can be stopped and started again on the same ports and log directory.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final String classpath;
    private final int brokerPort;
    private final int controllerPort;
    private Process process;

    private LocalKafka(Path dir, String classpath, int brokerPort, int controllerPort) {
        this.dir = dir;
        this.classpath = classpath;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Formats storage under {@code dir} and starts the broker; returns once it answers. */
    public static LocalKafka start(Path dir, String classpath) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        LocalKafka k = new LocalKafka(dir, classpath, freePort(), freePort());
        k.writeConfig();
        k.format();
        k.startProcess();
        return k;
    }

    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    private Path config() {
        return dir.resolve("server.properties");
    }

    private void writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "2");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("transaction.max.timeout.ms", "3600000");
        // Records carry their event time; replays of old corpora must not be expired by retention.
        p.setProperty("log.retention.ms", "-1");
        try (var out = Files.newOutputStream(config())) {
            p.store(out, "LocalKafka");
        }
    }

    private void format() throws IOException, InterruptedException {
        Process f = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config().toString(), "--ignore-formatted").start();
        if (!f.waitFor(60, TimeUnit.SECONDS) || f.exitValue() != 0) {
            throw new IOException("formatting Kafka storage failed; see " + dir.resolve("broker.log"));
        }
    }

    /** Starts (or restarts) the broker process and waits until it answers on its port. */
    public void startProcess() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = java("kafka.Kafka", config().toString()).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Properties admin = new Properties();
        admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        admin.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + "; see "
                        + dir.resolve("broker.log"));
            }
            try (Admin a = Admin.create(admin)) {
                a.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Kafka broker not ready after " + READY_TIMEOUT + "; see "
                            + dir.resolve("broker.log"), notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Stops the broker process (the data stays, so {@link #startProcess} resumes it). */
    public void stopProcess() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Xms128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopProcess();
    }
}
