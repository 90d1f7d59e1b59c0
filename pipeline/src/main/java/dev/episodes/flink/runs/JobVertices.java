package dev.episodes.flink.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.writing.Json;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * What the tasks of a job on an embedded cluster are doing, for the watchdog: each vertex's name, the
 * states of its subtasks, its record counters (the REST metrics) and, on request, the method its task
 * thread was found running in every look (the threads are in this JVM). Best effort: a job on a
 * remote cluster, or a cluster that does not answer, gives an empty list.
 */
final class JobVertices {
    /** One vertex (a chain of operators) of the job; {@code onCpu}: where its task threads were found running. */
    record Vertex(String name, int running, int parallelism, String counters, String onCpu) {
        String describe() {
            return "'" + name + "' (" + running + " of " + parallelism + " subtasks running"
                    + (onCpu.isEmpty() ? "" : ", on the CPU in " + onCpu) + ")";
        }
    }

    /** Looks at the task threads this often, this many times: a stuck task is on the CPU in every look. */
    private static final int LOOKS = 5;
    private static final long LOOK_APART_MS = 100;

    private static final Duration ASK = Duration.ofSeconds(2);
    private final JobClient client;
    private final MiniCluster cluster;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ASK).build();

    JobVertices(JobClient client) {
        this.client = client;
        this.cluster = miniCluster(client);
    }

    List<Vertex> snapshot(boolean withThreads) {
        List<Vertex> out = new ArrayList<>();
        if (cluster == null) {
            return out;
        }
        try {
            AccessExecutionGraph graph = cluster.getExecutionGraph(client.getJobID())
                    .get(ASK.toMillis(), TimeUnit.MILLISECONDS);
            URI rest = cluster.getRestAddress().get(ASK.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode job = get(rest, "jobs/" + client.getJobID());
            for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
                int running = 0;
                java.util.Map<ExecutionState, Integer> states = new java.util.EnumMap<>(ExecutionState.class);
                for (AccessExecutionVertex t : v.getTaskVertices()) {
                    ExecutionState s = t.getExecutionState();
                    states.merge(s, 1, Integer::sum);
                    if (!s.isTerminal()) {
                        running++;
                    }
                }
                String id = v.getJobVertexId().toString();
                String counters = states.toString(); // a task deploying, initializing or finishing is progress
                if (job != null) {
                    for (JsonNode jv : job.path("vertices")) {
                        if (id.equals(jv.path("id").asText())) {
                            JsonNode m = jv.path("metrics"); // times (busy, idle) always move: records only
                            counters += m.path("read-records").asText() + "/" + m.path("write-records").asText() + "/"
                                    + m.path("read-bytes").asText() + "/" + m.path("write-bytes").asText();
                        }
                    }
                }
                out.add(new Vertex(v.getName(), running, v.getParallelism(), counters,
                        withThreads && running > 0 ? onCpu(v.getName()) : ""));
            }
        } catch (Exception e) {
            return out; // best effort
        }
        return out;
    }

    /**
     * Where the task threads of a vertex (named "vertex name (i/n)#attempt" by Flink, in this JVM on the
     * embedded cluster) run when they are RUNNABLE in every look: the innermost frame of our code, else
     * the innermost frame. Empty when none is (tasks waiting for input or for buffers are not stuck).
     */
    private static String onCpu(String vertexName) throws InterruptedException {
        String where = null;
        for (int look = 0; look < LOOKS; look++) {
            String found = "";
            for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                if (t.getKey().getName().startsWith(vertexName + " (") && t.getKey().getState() == Thread.State.RUNNABLE
                        && t.getValue().length > 0) {
                    found = frame(t.getValue());
                    break;
                }
            }
            if (found.isEmpty()) {
                return "";
            }
            where = found;
            Thread.sleep(LOOK_APART_MS);
        }
        return where;
    }

    private static String frame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("dev.episodes.")) {
                return e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName();
            }
        }
        return stack[0].getClassName().substring(stack[0].getClassName().lastIndexOf('.') + 1) + "."
                + stack[0].getMethodName();
    }

    private JsonNode get(URI rest, String path) {
        if (rest == null) {
            return null;
        }
        try {
            String base = rest.toString().endsWith("/") ? rest.toString() : rest + "/";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(ASK).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The embedded cluster behind a local job's client (Flink does not expose it). */
    private static MiniCluster miniCluster(JobClient client) {
        for (Class<?> c = client.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (MiniCluster.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        return (MiniCluster) f.get(client);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
