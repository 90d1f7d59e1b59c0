package dev.episodes.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Chrome DevTools Protocol connection to one page target over the JDK's WebSocket: commands by id with
 * their replies, and every event kept in arrival order for the test to look at.
 */
public final class DevTools implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLY = Duration.ofSeconds(20);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevTools(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    static DevTools connect(URI uri) throws Exception {
        return new DevTools(uri);
    }

    /** Sends a command and returns its {@code result}; a protocol error fails the test with its message. */
    public JsonNode send(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r;
        try {
            r = reply.get(REPLY.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no reply from the browser to " + method + " within " + REPLY);
        } finally {
            pending.remove(id);
        }
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    public JsonNode send(String method) throws Exception {
        return send(method, Map.of());
    }

    /** The value of a JavaScript expression in the page (awaited when it is a promise). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("'" + expression + "' threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Events received so far with this method, in order. */
    public List<JsonNode> events(String method) {
        synchronized (events) {
            return events.stream().filter(e -> method.equals(e.path("method").asText())).toList();
        }
    }

    public List<JsonNode> allEvents() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public void clearEvents() {
        synchronized (events) {
            events.clear();
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        synchronized (events) {
                            events.add(msg);
                        }
                    }
                } catch (Exception e) {
                    synchronized (events) {
                        events.add(JSON.createObjectNode().put("method", "unparsable").put("text", text));
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
