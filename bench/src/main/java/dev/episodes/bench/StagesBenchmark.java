package dev.episodes.bench;

import dev.episodes.device.DeviceTimeline;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.RawEvent;
import dev.episodes.ordering.ReorderBuffer;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.redaction.SecureFieldRedaction;
import dev.episodes.redaction.TypingVisits;
import dev.episodes.reduction.ActionReducer;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-device stages over a whole generated corpus, reported per raw event so they add up and compare:
 * ordering (reorder buffer with dedup), reduction with pairing, redaction, and the whole device timeline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(StagesBenchmark.EVENTS_PER_INVOCATION)
public class StagesBenchmark {
    /** Raw events in the corpus: every benchmark here processes all of them once per invocation. */
    static final int EVENTS_PER_INVOCATION = BenchData.EVENTS;
    private final Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));
    private List<List<Step>> reducedByDevice;

    @Setup
    public void reduceOnce() {
        reducedByDevice = new ArrayList<>();
        for (List<RawEvent> device : BenchData.INSTANCE.orderedByDevice) {
            ActionReducer r = new ActionReducer(SessionRules.DEFAULT.gapUs());
            List<Step> steps = new ArrayList<>();
            for (RawEvent e : device) {
                r.accept(e, steps::add);
            }
            r.finish(steps::add);
            reducedByDevice.add(steps);
        }
    }

    @Benchmark
    public void ordering(Blackhole bh) {
        for (List<RawEvent> device : BenchData.INSTANCE.orderedByDevice) {
            ReorderBuffer b = new ReorderBuffer(60_000_000L);
            long watermark = Long.MIN_VALUE;
            for (RawEvent e : device) {
                bh.consume(b.offer(e));
                if (e.tsUs() - 10_000_000L > watermark + 200_000L) { // a watermark every 200 ms of event time
                    watermark = e.tsUs() - 10_000_000L;
                    b.release(watermark, bh::consume);
                }
            }
            b.release(Long.MAX_VALUE, bh::consume);
        }
    }

    @Benchmark
    public void reductionAndPairing(Blackhole bh) {
        for (List<RawEvent> device : BenchData.INSTANCE.orderedByDevice) {
            ActionReducer r = new ActionReducer(SessionRules.DEFAULT.gapUs());
            for (RawEvent e : device) {
                r.accept(e, bh::consume);
            }
            r.finish(bh::consume);
        }
    }

    @Benchmark
    public void redaction(Blackhole bh) {
        Redactor redactor = new Redactor(RedactionPolicy.DEFAULT);
        for (List<Step> steps : reducedByDevice) {
            TypingVisits visits = new TypingVisits();
            for (Step s : steps) {
                if (redactor.denial(s.context()) == null) {
                    visits.accept(SecureFieldRedaction.apply(s), redactor.text(),
                            x -> bh.consume(redactor.redactContext(x)));
                }
            }
            visits.flush(redactor.text(), x -> bh.consume(redactor.redactContext(x)));
        }
    }

    @Benchmark
    public void wholeDeviceTimeline(Blackhole bh) {
        TimelineOutput out = new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                bh.consume(episode);
            }

            @Override
            public void dropped(String reason) {
                bh.consume(reason);
            }
        };
        for (List<RawEvent> device : BenchData.INSTANCE.orderedByDevice) {
            DeviceTimeline t = new DeviceTimeline(SessionRules.DEFAULT);
            for (RawEvent e : device) {
                t.accept(e, privacy, out);
            }
            t.finish(privacy, out);
        }
    }
}
