package dev.episodes.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.testing.Await;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium as a child process with a fresh profile, driven over the DevTools protocol.
 * It listens on a port it picks itself ({@code --remote-debugging-port=0}) and says which in the profile's
 * {@code DevToolsActivePort} file. Without a chromium on the machine the tests fail and say how to get one:
 * a browser test that skips silently proves nothing.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** Flags that keep it from reaching for hosts this machine cannot reach (local-infra-facts.md). */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            "--window-size=1280,900", "--remote-debugging-port=0");

    private final Process process;
    private final DevTools page;

    private HeadlessChromium(Process process, DevTools page) {
        this.process = process;
        this.page = page;
    }

    /** Starts one with its profile in {@code dir} (which it creates); its output goes to {@code dir/chromium.log}. */
    public static HeadlessChromium start(Path dir) throws Exception {
        Path binary = binary();
        Path profile = dir.resolve("profile");
        Files.createDirectories(profile);
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            List<String> lines = Await.until("chromium to write " + portFile + " (its log: " + dir.resolve("chromium.log")
                    + ")", Duration.ofSeconds(30), () -> {
                        if (!p.isAlive()) {
                            throw new AssertionError("chromium exited with " + p.exitValue() + " at start; see "
                                    + dir.resolve("chromium.log"));
                        }
                        List<String> l = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
                        return l.size() >= 2 ? l : null;
                    });
            int port = Integer.parseInt(lines.get(0).strip());
            URI target = pageTarget(port);
            return new HeadlessChromium(p, DevTools.connect(target));
        } catch (Throwable t) {
            stop(p);
            throw t;
        }
    }

    public DevTools page() {
        return page;
    }

    @Override
    public void close() {
        page.close();
        stop(process);
    }

    /** The page target it opened (about:blank), from its list of targets. */
    private static URI pageTarget(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return Await.until("a page target on port " + port, Duration.ofSeconds(15), () -> {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode t : DevTools.JSON.readTree(body)) {
                if ("page".equals(t.path("type").asText()) && t.has("webSocketDebuggerUrl")) {
                    return URI.create(t.get("webSocketDebuggerUrl").asText());
                }
            }
            return null;
        });
    }

    /** {@code $CHROMIUM}, else {@code chromium} on the PATH; a clear failure when there is none. */
    static Path binary() {
        String explicit = System.getenv("CHROMIUM");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new AssertionError("CHROMIUM=" + explicit + " is not an executable file");
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("chromium is not installed: the browser tests of `episodes view` need Debian's "
                + "headless Chromium (apt-get install -y chromium, as .ci/run does), or CHROMIUM=/path/to/it");
    }

    /** Ends the browser this test started, and the processes it started, by their handles. */
    private static void stop(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
