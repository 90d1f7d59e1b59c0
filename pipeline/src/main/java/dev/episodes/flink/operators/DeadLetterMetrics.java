package dev.episodes.flink.operators;

import dev.episodes.decode.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The dead letters the job writes (to the dead-letter topic or {@code _private/rejected/}), by reason as a
 * label: {@code deadLetters.reason.written} and {@code deadLetters.reason.withheld} (written in their
 * withheld form: no consent at their time), each {@code {reason="..."}}, every reason registered from
 * the start so a quiet reason reads 0; {@code deadLettersWritten} and its {@code deadLettersPerSecond}.
 * A label rather than a name per reason, so a dashboard sums and graphs them by reason in one query
 * (PromQL's rate() drops metric names).
 */
final class DeadLetterMetrics {
    private final Map<RejectReason, Counter> written = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> withheld = new EnumMap<>(RejectReason.class);
    private final Counter total;

    DeadLetterMetrics(MetricGroup group) {
        MetricGroup deadLetters = group.addGroup("deadLetters");
        for (RejectReason r : RejectReason.values()) {
            MetricGroup reason = deadLetters.addGroup("reason", r.wire());
            written.put(r, reason.counter("written"));
            withheld.put(r, reason.counter("withheld"));
        }
        total = group.counter("deadLettersWritten");
        group.meter("deadLettersPerSecond", new MeterView(total));
    }

    void written(RejectReason reason, boolean consented) {
        written.get(reason).inc();
        if (!consented) {
            withheld.get(reason).inc();
        }
        total.inc();
    }
}
