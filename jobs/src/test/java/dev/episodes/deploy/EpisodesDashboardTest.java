package dev.episodes.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.writing.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/episodes-dashboard.json: valid JSON, Prometheus chosen as a variable, and every metric its
 * queries name is one the pipeline exports (deploy/grafana/pipeline-metrics.txt, which
 * StreamJobOnClusterITCase finds on a running job's endpoints); per-second panels take rates.
 */
class EpisodesDashboardTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern NAME_FAMILY = Pattern.compile("__name__=~\"(flink_[A-Za-z0-9_]+)\\.\\+\"");
    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_])(flink_[A-Za-z0-9_]+)");

    @Test
    void everyPanelQueriesMetricsThePipelineExports() throws Exception {
        JsonNode dash = Json.MAPPER.readTree(REPO.resolve("deploy/grafana/episodes-dashboard.json").toFile());
        PipelineMetrics listed = PipelineMetrics.read(REPO);
        List<String> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (JsonNode panel : dash.path("panels")) {
            String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "every panel has a title");
            assertTrue(panel.path("targets").size() > 0, title + ": no queries");
            for (JsonNode t : panel.path("targets")) {
                String expr = t.path("expr").asText();
                assertEquals("${datasource}", t.path("datasource").path("uid").asText(), title + ": datasource");
                assertBalanced(title, expr);
                for (String name : names(expr)) {
                    used.add(name);
                    if (!listed.lists(name)) {
                        problems.add(title + ": " + name);
                    }
                }
                for (Matcher m = NAME_FAMILY.matcher(expr); m.find(); ) {
                    used.add(m.group(1));
                    if (listed.metrics().stream().noneMatch(x -> x.prefix() && x.name().equals(m.group(1)))) {
                        problems.add(title + ": the family " + m.group(1) + "*");
                    }
                }
                if (panel.path("fieldConfig").path("defaults").path("unit").asText().equals("ops")) {
                    assertTrue(expr.contains("rate("), title + ": a per-second panel takes rate() or irate(): " + expr);
                }
            }
        }
        assertEquals(List.of(), problems, "metrics the pipeline does not export (deploy/grafana/pipeline-metrics.txt)");
        String op = "flink_taskmanager_job_task_operator_";
        for (String m : List.of("recordsIn", "deadLetters_reason_written", "eventTimeLagMs", "pendingRecords",
                "openDevices", "episodesCommitted", "stepsCommitted", "commitLatencyMs", "redactions_", "framesStored",
                "framesFailed_missing")) {
            assertTrue(used.contains(op + m), "a panel shows " + op + m);
        }
    }

    @Test
    void prometheusIsChosenAsAVariable() throws Exception {
        JsonNode dash = Json.MAPPER.readTree(REPO.resolve("deploy/grafana/episodes-dashboard.json").toFile());
        JsonNode ds = null;
        for (JsonNode v : dash.path("templating").path("list")) {
            if (v.path("name").asText().equals("datasource")) {
                ds = v;
            }
        }
        assertTrue(ds != null, "a datasource variable");
        assertEquals("datasource", ds.path("type").asText());
        assertEquals("prometheus", ds.path("query").asText());
        for (JsonNode panel : dash.path("panels")) {
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
        }
    }

    @Test
    void aQueryOfAMetricNobodyExportsIsCaught() throws Exception {
        PipelineMetrics listed = PipelineMetrics.read(REPO);
        assertFalse(listed.lists("flink_taskmanager_job_task_operator_deadLetter_reason_written"));
        assertTrue(listed.lists("flink_taskmanager_job_task_operator_redactions_EMAIL"));
        assertFalse(listed.lists("flink_taskmanager_job_task_operator_redactions_"));
        assertEquals(List.of("flink_taskmanager_job_task_operator_recordsIn"),
                names("sum(rate(flink_taskmanager_job_task_operator_recordsIn{job_name=~\"$job\"}[5m]))"));
    }

    /** Metric names in a query, but for the families named by {@code __name__=~"prefix.+"}. */
    static List<String> names(String expr) {
        List<String> out = new ArrayList<>();
        for (Matcher m = NAME.matcher(NAME_FAMILY.matcher(expr).replaceAll("")); m.find(); ) {
            out.add(m.group(1));
        }
        return out;
    }

    private static void assertBalanced(String title, String expr) {
        int round = 0;
        int curly = 0;
        int square = 0;
        for (char c : expr.toCharArray()) {
            round += c == '(' ? 1 : c == ')' ? -1 : 0;
            curly += c == '{' ? 1 : c == '}' ? -1 : 0;
            square += c == '[' ? 1 : c == ']' ? -1 : 0;
            assertTrue(round >= 0 && curly >= 0 && square >= 0, title + ": unbalanced " + expr);
        }
        assertTrue(round == 0 && curly == 0 && square == 0, title + ": unbalanced " + expr);
    }
}
