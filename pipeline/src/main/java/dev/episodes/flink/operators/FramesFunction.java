package dev.episodes.flink.operators;

import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.EpisodeFraming;
import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.FrameSource;
import dev.episodes.frames.ScopeRegions;
import dev.episodes.session.Episode;
import dev.episodes.storage.StoreFrameSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The frames stage: makes each planned episode's frames ({@link EpisodeFraming}) on a pool of its own
 * ({@code concurrency} threads per parallel instance) and passes the episode on with them. Episodes
 * without screenshots pass at once, unchanged. An episode whose framing outlasts the stage's timeout
 * goes on with every planned step failed as {@code timeout}: never dropped, never a failed job. Flink's
 * async operator keeps the episodes in flight in checkpoints and frames them again after a restore.
 * Only in the topology when frames are on (then no store is contacted otherwise).
 */
public final class FramesFunction extends RichAsyncFunction<Episode, Episode> implements ResultTypeQueryable<Episode> {
    private static final long serialVersionUID = 1L;
    /** Uid and name of the stage in the topology (state of in-flight episodes is kept under it). */
    public static final String UID = "frames";
    /** The stage's timeout is at least this, and at least {@link #TIMEOUT_READS} read timeouts. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(60);
    static final int TIMEOUT_READS = 6;

    private final FrameSettings settings;
    private final ScopeRegions scope;
    private final FrameSource source;

    private transient ExecutorService pool;
    private transient EpisodeFraming framing;
    private transient Map<String, InFlight> inFlight;
    private transient Counter storedMetric;
    private transient MetricGroup failedGroup;
    private transient Map<String, Counter> failedMetric;
    private transient volatile long lastLatencyMs;
    private transient volatile boolean closed;

    private record InFlight(CompletableFuture<EpisodeFrames> future, AtomicBoolean done, long startNs) {}

    public FramesFunction(FrameSettings settings, ScopeRegions scope, FrameSource source) {
        this.settings = settings;
        this.scope = scope == null ? ScopeRegions.NONE : scope;
        this.source = source;
    }

    /**
     * The frames stage after {@code episodes}: unordered async I/O (episodes are independent), at most
     * {@link #capacity} episodes in flight per instance, timeout {@link #timeout}, uid and name "frames";
     * then {@link FramesCounts} (chained, uid "frames-counts") for the run summary's accumulators.
     */
    public static SingleOutputStreamOperator<Episode> apply(DataStream<Episode> episodes, FrameSettings settings,
            ScopeRegions scope) {
        return apply(episodes, settings, scope, new StoreFrameSource());
    }

    public static SingleOutputStreamOperator<Episode> apply(DataStream<Episode> episodes, FrameSettings settings,
            ScopeRegions scope, FrameSource source) {
        return AsyncDataStream.unorderedWait(episodes, new FramesFunction(settings, scope, source),
                        timeout(settings).toMillis(), TimeUnit.MILLISECONDS, capacity(settings))
                .returns(PipelineTypes.EPISODE).uid(UID).name(UID).setParallelism(episodes.getParallelism())
                .map(new FramesCounts()).returns(PipelineTypes.EPISODE).uid(FramesCounts.UID).name(FramesCounts.UID)
                .setParallelism(episodes.getParallelism());
    }

    /** Episodes in flight per instance: enough to keep the reader threads busy with small episodes. */
    public static int capacity(FrameSettings settings) {
        return Math.max(2, 2 * settings.concurrency());
    }

    /** A backstop over the per-read timeouts. */
    public static Duration timeout(FrameSettings settings) {
        Duration reads = settings.readTimeout().multipliedBy(TIMEOUT_READS);
        return reads.compareTo(MIN_TIMEOUT) > 0 ? reads : MIN_TIMEOUT;
    }

    @Override
    public void open(OpenContext context) {
        AtomicInteger n = new AtomicInteger();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "frames-" + subtask + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        framing = new EpisodeFraming(source, settings, scope, pool);
        inFlight = new ConcurrentHashMap<>();
        MetricGroup g = getRuntimeContext().getMetricGroup();
        storedMetric = g.counter("framesStored");
        failedGroup = g.addGroup("framesFailed");
        failedMetric = new HashMap<>();
        for (FrameFailure.Reason r : FrameFailure.Reason.values()) { // a quiet reason reads 0, not "no data"
            failedMetric.put(r.wire(), failedGroup.counter(r.wire()));
        }
        g.gauge("framingLatencyMs", (Gauge<Long>) () -> lastLatencyMs);
        g.gauge("episodesInFlight", (Gauge<Integer>) () -> inFlight.size());
    }

    @Override
    public void asyncInvoke(Episode episode, ResultFuture<Episode> result) {
        if (episode.plan() == null || !episode.plan().any()) {
            result.complete(List.of(episode));
            return;
        }
        CompletableFuture<EpisodeFrames> f = framing.frame(episode.episodeId(), episode.plan());
        InFlight state = new InFlight(f, new AtomicBoolean(), System.nanoTime());
        inFlight.put(episode.episodeId(), state);
        f.whenComplete((frames, err) -> finish(episode, state, err == null ? frames
                : EpisodeFraming.failedAll(episode.plan(), FrameFailure.Reason.TIMEOUT), result));
    }

    @Override
    public void timeout(Episode episode, ResultFuture<Episode> result) {
        if (episode.plan() == null || !episode.plan().any()) {
            result.complete(List.of(episode));
            return;
        }
        InFlight state = inFlight.get(episode.episodeId());
        if (state == null) { // already finished (its result is on the way)
            return;
        }
        state.future().cancel(false); // reads not started yet skip
        finish(episode, state, EpisodeFraming.failedAll(episode.plan(), FrameFailure.Reason.TIMEOUT), result);
    }

    private void finish(Episode episode, InFlight state, EpisodeFrames frames, ResultFuture<Episode> result) {
        if (closed || !state.done().compareAndSet(false, true)) {
            return; // closing: the episode is in the last checkpoint and is framed again after a restore
        }
        inFlight.remove(episode.episodeId(), state);
        lastLatencyMs = (System.nanoTime() - state.startNs()) / 1_000_000;
        count(frames);
        result.complete(List.of(episode.withFrames(frames)));
    }

    // Called from reader threads and the task thread: Flink's counters are not thread-safe. (Async
    // functions get no accumulators: FramesCounts, chained after the stage, keeps those.)
    private synchronized void count(EpisodeFrames frames) {
        storedMetric.inc(frames.frames().size());
        frames.failures().forEach((reason, n) -> failedMetric.computeIfAbsent(reason, failedGroup::counter).inc(n));
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (pool != null) {
            pool.shutdownNow(); // in-flight episodes are in the checkpoint; they are framed again on restore
        }
    }

    @Override
    public TypeInformation<Episode> getProducedType() {
        return PipelineTypes.EPISODE;
    }
}
