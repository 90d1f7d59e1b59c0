package dev.episodes.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.writing.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * deploy/local's scripts, run as a person would run them: a broker and a Flink session cluster as
 * processes, jobs submitted, savepointed and resumed through the REST API. Stops everything on close,
 * and on JVM exit should a test never get there.
 */
final class LocalDeployment implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_SECONDS = 240;

    private final Path scripts;
    private final Path dir;
    private final Thread stopOnExit;
    private String bootstrap;
    private String rest;
    private String s3Flags;
    private String metrics;
    private String jmMetrics;

    private LocalDeployment(Path scripts, Path dir) {
        this.scripts = scripts;
        this.dir = dir;
        this.stopOnExit = new Thread(this::stopQuietly, "stop deploy/local");
    }

    /** Starts broker and cluster with their state in {@code dir}; returns once both are ready. */
    static LocalDeployment start(Path repo, Path dir) throws IOException, InterruptedException {
        return start(repo, dir, false);
    }

    /** As {@link #start(Path, Path)}, with {@code s3} also the S3 server ({@code start --s3}). */
    static LocalDeployment start(Path repo, Path dir, boolean s3) throws IOException, InterruptedException {
        LocalDeployment d = new LocalDeployment(repo.resolve("deploy/local"), dir);
        Runtime.getRuntime().addShutdownHook(d.stopOnExit);
        String[] args = s3 ? new String[] {"--dir", dir.toString(), "--s3"} : new String[] {"--dir", dir.toString()};
        for (String line : d.run("start", args).split("\n")) {
            if (line.startsWith("S3_FLAGS=")) {
                d.s3Flags = line.substring("S3_FLAGS=".length()).replace("'", "");
            } else if (line.startsWith("BOOTSTRAP=")) {
                d.bootstrap = line.substring("BOOTSTRAP=".length());
            } else if (line.startsWith("REST=")) {
                d.rest = line.substring("REST=".length());
            } else if (line.startsWith("METRICS=")) {
                d.metrics = line.substring("METRICS=".length());
            } else if (line.startsWith("JM_METRICS=")) {
                d.jmMetrics = line.substring("JM_METRICS=".length());
            }
        }
        if (d.bootstrap == null || d.rest == null || d.metrics == null || d.jmMetrics == null) {
            throw new IllegalStateException("start printed no endpoints; see " + dir);
        }
        if (s3 && d.s3Flags == null) {
            throw new IllegalStateException("start --s3 printed no S3_FLAGS; see " + dir);
        }
        return d;
    }

    String bootstrap() {
        return bootstrap;
    }

    Path dir() {
        return dir;
    }

    /** The Prometheus reporter's endpoint of the TaskManager (the jobs' operators). */
    String metrics() {
        return metrics;
    }

    /** The Prometheus reporter's endpoint of the JobManager (jobs' restarts and checkpoints). */
    String jobManagerMetrics() {
        return jmMetrics;
    }

    /** The -D flags that reach the S3 server, as words of a job's arguments (after {@code start --s3}). */
    List<String> s3Flags() {
        return List.of(s3Flags.strip().split("\\s+"));
    }

    /** The folder of the S3 server's bucket {@code episodes}: its objects as plain files. */
    Path s3Bucket() {
        return dir.resolve("s3/data/episodes");
    }

    /** Submits {@code job} of {@code jar} at {@code parallelism}; returns the job id. */
    String submit(Path jar, String job, int parallelism, List<String> flags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--jar", jar.toString(),
                "--parallelism", String.valueOf(parallelism), job, "--"));
        args.addAll(flags);
        return lastLine(run("submit", args.toArray(String[]::new)));
    }

    /** Stops the job with a savepoint; returns the savepoint's path. */
    String stopWithSavepoint(String jobId) throws IOException, InterruptedException {
        return lastLine(run("savepoint", "--dir", dir.toString(), "--stop", jobId));
    }

    /** Runs {@code job} again from {@code savepoint} at {@code parallelism}; returns the new job id. */
    String resume(Path jar, String savepoint, int parallelism, String job, List<String> flags)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--jar", jar.toString(),
                "--parallelism", String.valueOf(parallelism), savepoint, job, "--"));
        args.addAll(flags);
        return lastLine(run("resume", args.toArray(String[]::new)));
    }

    /** The job's state as its REST API reports it (RUNNING, FINISHED, FAILED...). */
    String state(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest + "/jobs/" + jobId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body()).path("state").asText();
    }

    /** The largest parallelism among the running job's operators, as its REST API reports it. */
    int parallelism(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(rest + "/jobs/" + jobId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        int max = 0;
        for (JsonNode v : Json.MAPPER.readTree(r.body()).path("vertices")) {
            max = Math.max(max, v.path("parallelism").asInt());
        }
        return max;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop", "--dir", dir.toString());
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }

    private void stopQuietly() {
        try {
            run("stop", "--dir", dir.toString());
        } catch (Exception e) {
            System.err.println("deploy/local/stop failed: " + e.getMessage());
        }
    }

    /** Runs a script; its stdout, or an exception carrying what it printed on stderr. */
    private String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", scripts.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Files.createDirectories(dir);
        Path out = Files.createTempFile(dir, script, ".out");
        Path err = Files.createTempFile(dir, script, ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("deploy/local/" + script + " still running after " + SCRIPT_TIMEOUT_SECONDS
                    + " s:\n" + Files.readString(err));
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        Files.delete(out);
        Files.delete(err);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("deploy/local/" + script + " " + String.join(" ", args) + " exited "
                    + p.exitValue() + ":\n" + stderr);
        }
        System.err.print(stderr);
        return stdout;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
