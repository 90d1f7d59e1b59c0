package dev.episodes.bench;

import dev.episodes.event.RawEvent;
import dev.episodes.redaction.IdPattern;
import dev.episodes.redaction.RawIds;
import dev.episodes.reduction.ActionReducer;
import dev.episodes.reduction.Step;
import dev.episodes.session.SessionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw-id scrubbing of every string of a step (RawIds.apply), per step of the generated corpus, next to
 * the former whole-token replacement of the person's own two ids in five fields, as a baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RawIdsBenchmark {
    private final List<Step> steps = new ArrayList<>();
    private final List<String> strings = new ArrayList<>();
    private RawIds ids;
    private int next;

    @Setup
    public void reduceOnce() {
        List<RawEvent> device = BenchData.INSTANCE.orderedByDevice.get(0);
        ActionReducer r = new ActionReducer(SessionRules.DEFAULT.gapUs());
        for (RawEvent e : device) {
            r.accept(e, steps::add);
        }
        r.finish(steps::add);
        RawEvent first = device.get(0);
        ids = RawIds.of(IdPattern.DEFAULT, first.userId(), "u_p", first.deviceId(), "d_p");
        for (Step s : steps) {
            strings.add(s.context().windowTitle());
            strings.add(s.context().url());
            strings.add(s.text());
        }
        strings.removeIf(java.util.Objects::isNull);
    }

    /** One step, all eight strings (the context's six are scanned once per distinct context). */
    @Benchmark
    public void applyPerStep(Blackhole bh) {
        bh.consume(ids.apply(steps.get(next++ % steps.size())));
    }

    /** One string (title, URL or text) scanned in full, no context reuse. */
    @Benchmark
    public void scrubPerString(Blackhole bh) {
        bh.consume(ids.scrub(strings.get(next++ % strings.size())));
    }

    /** The former check: the own ids as plain substrings of one string. */
    @Benchmark
    public void baselineTokenSearchPerString(Blackhole bh) {
        String s = strings.get(next++ % strings.size());
        bh.consume(s.contains("u-1042") || s.contains("d-7"));
    }
}
