package dev.episodes.writing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * Partition statistics for the manifest, from the episodes files: episodes per split, the distribution
 * of episode lengths (steps and seconds) and the apps episodes use. Aggregates only: nothing per person.
 */
public record PartitionStats(
        @JsonProperty("episodes_by_split") Map<String, Long> episodesBySplit,
        @JsonProperty("episode_steps") Distribution episodeSteps,
        @JsonProperty("episode_seconds") Distribution episodeSeconds,
        @JsonProperty("episodes_by_app") Map<String, Long> episodesByApp) {

    /** min, percentiles, max and mean of a quantity over the partition's episodes. */
    public record Distribution(
            @JsonProperty("min") double min,
            @JsonProperty("p50") double p50,
            @JsonProperty("p90") double p90,
            @JsonProperty("p99") double p99,
            @JsonProperty("max") double max,
            @JsonProperty("mean") double mean) {

        static Distribution of(double[] values) {
            if (values.length == 0) {
                return new Distribution(0, 0, 0, 0, 0, 0);
            }
            double[] v = values.clone();
            Arrays.sort(v);
            double sum = 0;
            for (double x : v) {
                sum += x;
            }
            return new Distribution(v[0], pct(v, 0.5), pct(v, 0.9), pct(v, 0.99), v[v.length - 1],
                    Math.round(sum / v.length * 1000) / 1000.0);
        }

        private static double pct(double[] sorted, double p) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    public static PartitionStats of(List<Path> episodesFiles) throws IOException {
        List<org.apache.parquet.io.InputFile> in = new ArrayList<>();
        for (Path f : episodesFiles) {
            in.add(new org.apache.parquet.io.LocalInputFile(f));
        }
        return ofFiles(in);
    }

    /** The statistics of these episodes files of a store (dataset-relative keys). */
    public static PartitionStats of(dev.episodes.storage.Store store, List<String> episodesKeys) throws IOException {
        List<org.apache.parquet.io.InputFile> in = new ArrayList<>();
        for (String k : episodesKeys) {
            in.add(ShardReader.in(store, k));
        }
        return ofFiles(in);
    }

    private static PartitionStats ofFiles(List<org.apache.parquet.io.InputFile> episodesFiles) throws IOException {
        Map<String, Long> bySplit = new TreeMap<>();
        Map<String, Long> byApp = new TreeMap<>();
        List<Double> steps = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (org.apache.parquet.io.InputFile f : episodesFiles) {
            for (GenericRecord r : ShardReader.read(f)) {
                Object split = r.get("split");
                bySplit.merge(split == null ? "none" : split.toString(), 1L, Long::sum);
                steps.add(((Number) r.get("num_steps")).doubleValue());
                long us = (Long) r.get("end_ts_us") - (Long) r.get("start_ts_us");
                seconds.add(Math.round(us / 1000.0) / 1000.0);
                for (Object app : (List<?>) r.get("apps")) {
                    byApp.merge(app.toString(), 1L, Long::sum);
                }
            }
        }
        return new PartitionStats(bySplit, Distribution.of(steps.stream().mapToDouble(Double::doubleValue).toArray()),
                Distribution.of(seconds.stream().mapToDouble(Double::doubleValue).toArray()), top(byApp, 50));
    }

    /** The most used apps, most used first (ties by name), so manifests stay small and deterministic. */
    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
