package dev.episodes.frames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The frames of one episode from its plan: each distinct screenshot URI read once (on the caller's
 * executor, whose size bounds the reads in flight, each read bounded by the read timeout), each distinct
 * shot (URI, screen size, app, masks) rendered once, steps sharing a rendered frame sharing its id.
 * A step whose screenshot fails gets no frame id and counts once under its reason.
 */
public final class EpisodeFraming {
    /** One timer thread for all read timeouts of the process: it only interrupts reads. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final FrameSource source;
    private final FrameSettings settings;
    private final ScopeRegions scope;
    private final FrameRenderer renderer;
    private final Executor executor;

    public EpisodeFraming(FrameSource source, FrameSettings settings, ScopeRegions scope, Executor executor) {
        this.source = source;
        this.settings = settings;
        this.scope = scope == null ? ScopeRegions.NONE : scope;
        this.renderer = new FrameRenderer(settings);
        this.executor = executor;
    }

    /** What became of one shot. */
    private sealed interface Outcome permits Made, Failed {}

    private record Made(FrameRenderer.Rendered frame) implements Outcome {}

    private record Failed(FrameFailure.Reason reason) implements Outcome {}

    /**
     * The episode's frames, completed when every read and render is done. Completing or cancelling the
     * returned future (an overall timeout) makes reads that have not started yet skip.
     */
    public CompletableFuture<EpisodeFrames> frame(String episodeId, FramePlan planned) {
        FramePlan plan = planned.unitedPerScreenshot(); // one image, every mask any of its steps needs
        CompletableFuture<EpisodeFrames> whole = new CompletableFuture<>();
        Map<String, Set<ShotRequest>> byUri = new LinkedHashMap<>();
        for (ShotRequest s : plan.steps()) {
            if (s != null) {
                byUri.computeIfAbsent(s.uri(), u -> new LinkedHashSet<>()).add(s);
            }
        }
        List<CompletableFuture<Map<ShotRequest, Outcome>>> parts = new ArrayList<>();
        for (Map.Entry<String, Set<ShotRequest>> e : byUri.entrySet()) {
            parts.add(readAndRender(e.getKey(), e.getValue(), whole));
        }
        CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((ok, err) -> {
            Map<ShotRequest, Outcome> outcomes = new HashMap<>();
            for (CompletableFuture<Map<ShotRequest, Outcome>> p : parts) {
                outcomes.putAll(p.join()); // never exceptional: failures are outcomes
            }
            whole.complete(assemble(episodeId, plan, outcomes));
        });
        return whole;
    }

    /** Every planned step failed for one reason (an overall timeout): the episode goes on without frames. */
    public static EpisodeFrames failedAll(FramePlan plan, FrameFailure.Reason reason) {
        List<String> ids = new ArrayList<>();
        long n = 0;
        for (ShotRequest s : plan.steps()) {
            ids.add(null);
            n += s == null ? 0 : 1;
        }
        return new EpisodeFrames(ids, List.of(), n == 0 ? Map.of() : Map.of(reason.wire(), n));
    }

    /** First 32 hex characters of SHA-256(episode id, a newline, the stored bytes). */
    public static String frameId(String episodeId, byte[] image) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(episodeId.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(image);
            return HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static EpisodeFrames assemble(String episodeId, FramePlan plan, Map<ShotRequest, Outcome> outcomes) {
        List<String> ids = new ArrayList<>();
        Map<ShotRequest, String> idOf = new HashMap<>();
        Map<String, StoredFrame> frames = new LinkedHashMap<>();
        Map<String, Long> failures = new TreeMap<>();
        for (ShotRequest s : plan.steps()) {
            if (s == null) {
                ids.add(null);
                continue;
            }
            Outcome o = outcomes.get(s);
            if (o instanceof Made m) {
                String id = idOf.computeIfAbsent(s, k -> frameId(episodeId, m.frame().image()));
                frames.putIfAbsent(id, m.frame().stored(id));
                ids.add(id);
            } else {
                FrameFailure.Reason r = o instanceof Failed f ? f.reason() : FrameFailure.Reason.TIMEOUT;
                failures.merge(r.wire(), 1L, Long::sum);
                ids.add(null);
            }
        }
        return new EpisodeFrames(ids, new ArrayList<>(frames.values()), failures);
    }

    private CompletableFuture<Map<ShotRequest, Outcome>> readAndRender(String uri, Set<ShotRequest> shots,
            CompletableFuture<?> whole) {
        CompletableFuture<Map<ShotRequest, Outcome>> done = new CompletableFuture<>();
        Runnable task = () -> {
            Map<ShotRequest, Outcome> out = new HashMap<>();
            try {
                if (whole.isDone()) {
                    fail(out, shots, FrameFailure.Reason.TIMEOUT);
                    return;
                }
                byte[] bytes = read(uri);
                for (ShotRequest s : shots) {
                    out.put(s, render(bytes, s));
                }
            } catch (FrameFailure f) {
                fail(out, shots, f.reason());
            } finally {
                done.complete(out);
            }
        };
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) { // the stage is closing
            Map<ShotRequest, Outcome> out = new HashMap<>();
            fail(out, shots, FrameFailure.Reason.TIMEOUT);
            done.complete(out);
        }
        return done;
    }

    private static void fail(Map<ShotRequest, Outcome> out, Set<ShotRequest> shots, FrameFailure.Reason reason) {
        for (ShotRequest s : shots) {
            out.putIfAbsent(s, new Failed(reason));
        }
    }

    private Outcome render(byte[] bytes, ShotRequest s) {
        try {
            DECODES.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(FrameFailure.Reason.TIMEOUT);
        }
        try {
            return new Made(renderer.render(bytes, s.screenW(), s.screenH(), scope.with(s)));
        } catch (FrameFailure f) {
            return new Failed(f.reason());
        } catch (RuntimeException e) { // a decoder bug on odd input is a corrupt image, not a failed job
            return new Failed(FrameFailure.Reason.CORRUPT);
        } finally {
            DECODES.release();
        }
    }

    /**
     * Decoded screenshots in this JVM at once: one per core. Reads stay many in flight (they wait on the
     * store), but a decoded image takes 4 bytes a pixel (256 MB at the 64 Mpx limit), so decoding as many
     * as reads would make a TaskManager's memory a function of its slowest store.
     */
    private static final java.util.concurrent.Semaphore DECODES =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    /** One read, interrupted when it outlasts the read timeout. */
    private byte[] read(String uri) throws FrameFailure {
        Thread reader = Thread.currentThread();
        Object lock = new Object();
        boolean[] state = new boolean[2]; // [0] read over, [1] timed out
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            synchronized (lock) {
                if (!state[0]) {
                    state[1] = true;
                    reader.interrupt();
                }
            }
        }, settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            byte[] bytes = source.read(uri, settings.maxBytes());
            synchronized (lock) {
                if (state[1]) {
                    throw timeout();
                }
            }
            return bytes;
        } catch (FrameFailure f) {
            synchronized (lock) {
                throw state[1] ? timeout() : f;
            }
        } catch (RuntimeException e) {
            synchronized (lock) {
                throw state[1] ? timeout() : new FrameFailure(FrameFailure.Reason.UNREADABLE,
                        "the store failed the read (" + e.getClass().getSimpleName() + ")");
            }
        } finally {
            synchronized (lock) {
                state[0] = true;
            }
            timer.cancel(false);
            Thread.interrupted(); // an interrupt meant for this read must not hit the thread's next task
        }
    }

    private FrameFailure timeout() {
        return new FrameFailure(FrameFailure.Reason.TIMEOUT, "the read took longer than " + settings.readTimeout());
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "frames-read-timeouts");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
