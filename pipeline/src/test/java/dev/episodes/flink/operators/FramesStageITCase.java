package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.frames.FramePlan;
import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.FrameSettings;
import dev.episodes.frames.ScopeRegions;
import dev.episodes.frames.ShotRequest;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.Flink;
import dev.episodes.testing.SampleEpisodes;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frames stage as the topology places it ({@link FramesFunction#apply}): a real job on a MiniCluster,
 * no Kryo, screenshots read from local files through the storage layer, counts in the accumulators and
 * in the metrics.
 */
class FramesStageITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .setConfiguration(METRICS.addToConfiguration(new Configuration())).build());

    @Test
    void episodesGetTheirFramesInARealJob(@TempDir Path dir) throws Exception {
        Path shot = dir.resolve("shot.png");
        BufferedImage img = new BufferedImage(640, 400, BufferedImage.TYPE_3BYTE_BGR);
        img.getGraphics().drawString("hello", 20, 20);
        ImageIO.write(img, "png", shot.toFile());
        List<Episode> in = new ArrayList<>();
        for (Episode e : SampleEpisodes.of(GeneratorSettings.of(2, Duration.ofMinutes(10), 5))) {
            List<ShotRequest> shots = new ArrayList<>();
            for (int i = 0; i < e.steps().size(); i++) {
                shots.add(i == 0 ? new ShotRequest(shot.toUri().toString(), 320, 200, "App", List.of())
                        : i == 1 ? new ShotRequest(dir.resolve("gone.png").toString(), null, null, "App", List.of())
                        : null);
            }
            in.add(e.withPlan(new FramePlan(shots)));
        }
        StreamExecutionEnvironment env = Flink.env();
        env.setParallelism(2);
        FrameSettings settings = FrameSettings.on().withMaxWidth(320);
        List<Episode> out = new ArrayList<>();
        JobExecutionResult result;
        try (CloseableIterator<Episode> it = FramesFunction.apply(env.fromData(PipelineTypes.EPISODE,
                in.toArray(Episode[]::new)), settings, ScopeRegions.NONE).collectAsync()) {
            result = env.execute("frames stage");
            it.forEachRemaining(out::add);
        }
        out.sort(Comparator.comparing(Episode::episodeId));
        assertEquals(in.size(), out.size(), "every episode goes on");
        long multi = in.stream().filter(e -> e.steps().size() > 1).count();
        for (Episode e : out) {
            assertNotNull(e.frameIdOf(0));
            assertEquals(320, e.frames().frames().get(0).width());
            if (e.steps().size() > 1) {
                assertNull(e.frameIdOf(1));
                assertEquals(Map.of("missing", 1L), e.frames().failures());
            }
        }
        Map<String, Object> acc = result.getAllAccumulatorResults();
        assertEquals((long) in.size(), acc.get(Counters.FRAMES_STORED));
        assertEquals(multi == 0 ? null : multi, acc.get(Counters.FRAMES_FAILED_PREFIX + "missing"));

        // The same counts as metrics, under the names the Prometheus reporter exports (those of the frames
        // lines of deploy/grafana/pipeline-metrics.txt), every failure reason from the start.
        Map<String, Double> exported = exported(result.getJobID());
        String op = "flink_taskmanager_job_task_operator_";
        assertEquals((double) in.size(), exported.get(op + "framesStored"));
        assertEquals((double) multi, exported.get(op + "framesFailed_missing"));
        for (FrameFailure.Reason r : FrameFailure.Reason.values()) {
            assertNotNull(exported.get(op + "framesFailed_" + r.wire()), r.wire() + " is registered");
        }
        Path list = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent()
                .resolve("deploy/grafana/pipeline-metrics.txt");
        for (String line : Files.readAllLines(list)) {
            String[] w = line.strip().split("\\s+");
            if (!line.startsWith("#") && w.length > 1 && List.of(w).contains("frames")) {
                assertNotNull(exported.get(w[0]), w[0] + " (pipeline-metrics.txt) is exported");
            }
        }
    }

    /** The job's counters and gauges by the name Flink's Prometheus reporter gives them: flink_ + scope + name. */
    private static Map<String, Double> exported(JobID job) {
        Map<String, Double> out = new TreeMap<>();
        for (OperatorMetricGroup g : METRICS.findOperatorMetricGroups(job, ".*")) {
            collect(g, out);
        }
        return out;
    }

    private static void collect(MetricGroup operator, Map<String, Double> out) {
        METRICS.getMetricsByGroup().forEach((group, metrics) -> {
            if (!(group instanceof AbstractMetricGroup<?> a) || !belongsTo(group, operator)) {
                return;
            }
            String scope = a.getLogicalScope(FramesStageITCase::prometheusChars, '_');
            metrics.forEach((name, m) -> {
                Double v = m instanceof Counter c ? Double.valueOf(c.getCount())
                        : m instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n ? n.doubleValue() : null;
                if (v != null) {
                    out.merge("flink_" + scope + "_" + prometheusChars(name), v, Double::sum);
                }
            });
        });
    }

    private static boolean belongsTo(MetricGroup group, MetricGroup operator) {
        return group.getAllVariables().equals(operator.getAllVariables())
                || group.getAllVariables().entrySet().containsAll(operator.getAllVariables().entrySet());
    }

    private static String prometheusChars(String s) {
        return s.replaceAll("[^a-zA-Z0-9:_]", "_");
    }
}
