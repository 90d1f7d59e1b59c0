import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST calls of deploy/local's scripts, so they need nothing but Java (no curl, no jq). Run as a
 * single-file program on the cluster's classpath (for Flink's shaded Jackson):
 *
 * <pre>
 * ready     URL TIMEOUT_S                         until a TaskManager has registered its slots
 * run       URL JAR CLASS PARALLELISM SAVEPOINT [ARG...]   upload, run, wait until it runs (or finished); prints the job id
 * savepoint URL JOB_ID TARGET_DIR STOP TIMEOUT_S  trigger (STOP=true: stop with it), wait; prints its path
 * </pre>
 *
 * PARALLELISM 0 and SAVEPOINT "-" mean: not given. Failures print Flink's own reason and exit 1.
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration POLL = Duration.ofMillis(250);

    private final String url;

    private FlinkRest(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static void main(String[] args) {
        try {
            if (args.length < 2) {
                throw new Failure("usage: FlinkRest ready|run|savepoint URL ...");
            }
            FlinkRest rest = new FlinkRest(args[1]);
            switch (args[0]) {
                case "ready" -> rest.awaitSlots(Duration.ofSeconds(Long.parseLong(args[2])));
                case "run" -> System.out.println(rest.run(Path.of(args[2]), args[3], Integer.parseInt(args[4]),
                        args[5].equals("-") ? null : args[5], Arrays.asList(args).subList(6, args.length)));
                case "savepoint" -> System.out.println(rest.savepoint(args[2], args[3], Boolean.parseBoolean(args[4]),
                        Duration.ofSeconds(Long.parseLong(args[5]))));
                default -> throw new Failure("unknown command " + args[0]);
            }
        } catch (Failure e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("error: cannot reach Flink's REST API: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /** An expected failure: its message is all the user needs. */
    private static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    void awaitSlots(Duration timeout) throws Failure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                JsonNode overview = get("/overview");
                if (overview.path("taskmanagers").asInt() > 0 && overview.path("slots-total").asInt() > 0) {
                    return;
                }
                last = "no TaskManager registered yet";
            } catch (IOException | Failure e) {
                last = e.getMessage();
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new Failure("the cluster at " + url + " is not ready after " + timeout.toSeconds() + " s: " + last);
    }

    String run(Path jar, String entryClass, int parallelism, String savepoint, List<String> programArgs)
            throws IOException, InterruptedException, Failure {
        if (!Files.isRegularFile(jar)) {
            throw new Failure("no job jar at " + jar);
        }
        String jarId = upload(jar);
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.putPOJO("programArgsList", programArgs);
        if (parallelism > 0) {
            body.put("parallelism", parallelism);
        }
        if (savepoint != null) {
            body.put("savepointPath", savepoint);
            body.put("allowNonRestoredState", false);
        }
        String jobId;
        try {
            jobId = post("/jars/" + jarId + "/run", body).path("jobid").asText();
        } finally {
            delete("/jars/" + jarId); // the cluster keeps the job's own copy
        }
        awaitStarted(jobId, Duration.ofSeconds(120));
        return jobId;
    }

    private String upload(Path jar) throws IOException, InterruptedException, Failure {
        String boundary = "----episodes" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        String file = send(request, "upload of " + jar).path("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    /**
     * Until the job runs (or, bounded, has already finished), or fail with the job's own reason. A batch
     * job runs its stages one after another, so not all of its tasks run at once.
     */
    private void awaitStarted(String jobId, Duration timeout) throws IOException, InterruptedException, Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "unknown";
        while (System.nanoTime() < deadline) {
            state = get("/jobs/" + jobId).path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new Failure("job " + jobId + " is " + state + rootCause(jobId));
            }
            if (state.equals("RUNNING") || state.equals("FINISHED")) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new Failure("job " + jobId + " still " + state + " after " + timeout.toSeconds() + " s" + rootCause(jobId));
    }

    /** Until the job and all its tasks run (a savepoint needs them), or fail with the job's own reason. */
    private void awaitRunning(String jobId, Duration timeout) throws IOException, InterruptedException, Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = "unknown";
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/jobs/" + jobId);
            state = job.path("state").asText();
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new Failure("job " + jobId + " is " + state + " instead of running" + rootCause(jobId));
            }
            boolean allRunning = state.equals("RUNNING") && job.path("vertices").size() > 0;
            for (JsonNode v : job.path("vertices")) {
                allRunning &= v.path("status").asText().equals("RUNNING");
            }
            if (allRunning) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new Failure("job " + jobId + " still " + state + " after " + timeout.toSeconds() + " s" + rootCause(jobId));
    }

    String savepoint(String jobId, String target, boolean stop, Duration timeout)
            throws IOException, InterruptedException, Failure {
        awaitRunning(jobId, timeout);
        ObjectNode body = JSON.createObjectNode();
        String path;
        if (stop) {
            body.put("targetDirectory", target);
            body.put("drain", false);
            path = "/jobs/" + jobId + "/stop";
        } else {
            body.put("target-directory", target);
            body.put("cancel-job", false);
            path = "/jobs/" + jobId + "/savepoints";
        }
        String trigger = post(path, body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = status.path("operation");
                if (op.has("failure-cause")) {
                    throw new Failure("savepoint of job " + jobId + " failed: " + firstLines(op.path("failure-cause")
                            .path("stack-trace").asText(op.path("failure-cause").toString())));
                }
                if (stop) {
                    awaitTerminal(jobId, deadline);
                }
                return op.path("location").asText();
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new Failure("savepoint of job " + jobId + " not complete after " + timeout.toSeconds() + " s");
    }

    private void awaitTerminal(String jobId, long deadline) throws IOException, InterruptedException, Failure {
        while (System.nanoTime() < deadline) {
            String state = get("/jobs/" + jobId).path("state").asText();
            if (state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED")) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new Failure("job " + jobId + " took its savepoint but did not stop");
    }

    private String rootCause(String jobId) {
        try {
            JsonNode root = get("/jobs/" + jobId + "/exceptions").path("root-exception");
            return root.isMissingNode() || root.isNull() ? "" : ": " + firstLines(root.asText());
        } catch (IOException | InterruptedException | Failure e) {
            return "";
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException, Failure {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), "GET " + path);
    }

    private void delete(String path) throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException, Failure {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), "POST " + path);
    }

    private JsonNode send(HttpRequest request, String what) throws IOException, InterruptedException, Failure {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            List<String> errors = new ArrayList<>();
            json.path("errors").forEach(e -> errors.add(firstLines(e.asText())));
            throw new Failure(what + " answered " + response.statusCode() + ": " + String.join("; ", errors));
        }
        return json;
    }

    /** The first line of a stack trace and its root cause: the reason without the frames. */
    private static String firstLines(String trace) {
        String first = null;
        String root = null;
        for (String line : trace.split("\n")) {
            String l = line.strip();
            if (first == null && !l.isEmpty()) {
                first = l;
            } else if (l.startsWith("Caused by:")) {
                root = l;
            }
        }
        return first == null ? "" : root == null ? first : first + "\n  " + root;
    }
}
