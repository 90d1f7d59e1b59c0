package dev.episodes.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.testing.Await;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One page loaded in the browser, with what it did: the requests it made and the problems it reported
 * (exceptions, console errors, log errors such as a blocked load or a CSP violation).
 */
public final class PageVisit {
    private final DevTools page;
    private final URI url;

    private PageVisit(DevTools page, URI url) {
        this.page = page;
        this.url = url;
    }

    /** Turns on the events a visit reads; once per browser. */
    public static void enable(DevTools page) throws Exception {
        page.send("Page.enable");
        page.send("Runtime.enable");
        page.send("Log.enable");
        page.send("Network.enable");
    }

    /** Navigates to {@code file} and waits until it has loaded. */
    public static PageVisit open(DevTools page, Path file) throws Exception {
        URI url = file.toAbsolutePath().toUri();
        page.clearEvents();
        JsonNode nav = page.send("Page.navigate", Map.of("url", url.toString()));
        if (nav.hasNonNull("errorText")) {
            throw new AssertionError("cannot open " + url + ": " + nav.get("errorText"));
        }
        Await.until("the load event of " + url, Duration.ofSeconds(20),
                () -> !page.events("Page.loadEventFired").isEmpty());
        Await.until("document.readyState complete", Duration.ofSeconds(10),
                () -> "complete".equals(page.evaluate("document.readyState").asText()));
        return new PageVisit(page, url);
    }

    public URI url() {
        return url;
    }

    /** Every URL the page asked for since it was opened. */
    public List<String> requests() {
        return page.events("Network.requestWillBeSent").stream()
                .map(e -> e.path("params").path("request").path("url").asText()).toList();
    }

    /** Requests other than the page itself and {@code data:} URIs: none may leave the file. */
    public List<String> outsideRequests() {
        return requests().stream().filter(u -> !u.startsWith("data:") && !sameFile(u)).toList();
    }

    private boolean sameFile(String u) {
        int hash = u.indexOf('#');
        return (hash < 0 ? u : u.substring(0, hash)).equals(url.toString());
    }

    /** Exceptions, console errors and log entries of level error since the page was opened. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : page.allEvents()) {
            JsonNode p = e.path("params");
            switch (e.path("method").asText()) {
                case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = p.path("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        out.add("console." + type + ": " + p.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    if (p.path("entry").path("level").asText().equals("error")) {
                        out.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url"));
                    }
                }
                case "Network.loadingFailed" -> out.add("load failed: " + p);
                default -> { }
            }
        }
        return out;
    }

    /** Presses and releases one key (a DevTools key event: the page sees keydown and keyup). */
    public void press(String key, int keyCode) throws Exception {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            page.send("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
                    "windowsVirtualKeyCode", keyCode, "nativeVirtualKeyCode", keyCode));
        }
    }

    public JsonNode eval(String expression) throws Exception {
        return page.evaluate(expression);
    }

    /** A PNG of the whole page, written to {@code file} for people to look at. */
    public Path screenshot(Path file) throws Exception {
        JsonNode shot = page.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        return file;
    }
}
