package dev.episodes.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * deploy/grafana/pipeline-metrics.txt: the metrics on-call watches, as the Prometheus reporter exports
 * them. Each is exported by the TaskManagers or the JobManager, some only with {@code --frames}; a
 * {@code prefix} entry stands for every metric whose name starts with it (one per kind, registered lazily).
 */
public record PipelineMetrics(List<Metric> metrics) {
    public record Metric(String name, String endpoint, boolean frames, boolean prefix) {
        /** Whether {@code exported} is this metric (or, for a prefix, one of its family). */
        public boolean matches(String exported) {
            return prefix ? exported.startsWith(name) && exported.length() > name.length() : exported.equals(name);
        }
    }

    public static PipelineMetrics read(Path repo) throws IOException {
        List<Metric> out = new ArrayList<>();
        for (String line : Files.readAllLines(repo.resolve("deploy/grafana/pipeline-metrics.txt"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] w = l.split("\\s+");
            Set<String> tags = Set.of(w);
            boolean frames = tags.contains("frames");
            String endpoint = tags.contains("jobmanager") ? "jobmanager" : "taskmanager";
            out.add(new Metric(w[0], endpoint, frames, tags.contains("prefix")));
        }
        return new PipelineMetrics(List.copyOf(out));
    }

    /** Whether {@code exported} is one of the listed metrics. */
    public boolean lists(String exported) {
        return metrics.stream().anyMatch(m -> m.matches(exported));
    }
}
