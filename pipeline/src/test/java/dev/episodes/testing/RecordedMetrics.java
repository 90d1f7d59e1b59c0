package dev.episodes.testing;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * A metric group that keeps what is registered in it and its subgroups, by path: {@code a.b} for
 * {@code addGroup("a").counter("b")}, {@code a.k=v.b} for {@code addGroup("a").addGroup("k", "v").counter("b")}.
 */
public final class RecordedMetrics extends UnregisteredMetricsGroup {
    private final String path;
    private final Map<String, Metric> metrics;

    public RecordedMetrics() {
        this("", new TreeMap<>());
    }

    private RecordedMetrics(String path, Map<String, Metric> metrics) {
        this.path = path;
        this.metrics = metrics;
    }

    public Map<String, Metric> all() {
        return metrics;
    }

    public long count(String name) {
        Metric m = metrics.get(name);
        if (!(m instanceof Counter c)) {
            throw new AssertionError("no counter " + name + " in " + metrics.keySet());
        }
        return c.getCount();
    }

    public Object gauge(String name) {
        Metric m = metrics.get(name);
        if (!(m instanceof Gauge<?> g)) {
            throw new AssertionError("no gauge " + name + " in " + metrics.keySet());
        }
        return g.getValue();
    }

    public Histogram histogram(String name) {
        Metric m = metrics.get(name);
        if (!(m instanceof Histogram h)) {
            throw new AssertionError("no histogram " + name + " in " + metrics.keySet());
        }
        return h;
    }

    private <M extends Metric> M put(String name, M m) {
        if (metrics.putIfAbsent(path + name, m) != null) {
            throw new AssertionError("registered twice: " + path + name);
        }
        return m;
    }

    @Override
    public Counter counter(String name) {
        return put(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        return put(name, counter);
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        return put(name, gauge);
    }

    @Override
    public <M extends Meter> M meter(String name, M meter) {
        return put(name, meter);
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        return put(name, histogram);
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordedMetrics(path + name + ".", metrics);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new RecordedMetrics(path + key + "=" + value + ".", metrics);
    }
}
