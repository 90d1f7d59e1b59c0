package dev.episodes.harness;

import dev.episodes.cli.EmbeddedFlink;
import dev.episodes.config.StateSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.operators.DeviceTimelineFunction;
import dev.episodes.flink.operators.DeviceTimelineOperator;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.SessionRules;
import dev.episodes.writing.DatasetCommitter;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The keyed stage's cost per event as the open episode grows: the same number of events made into
 * episodes of 10, 1,000 or 10,000 steps (many devices with short episodes, or few with long ones), on
 * one thread, on a state backend. If an event's work grew with the episode, the long episodes would be
 * slower per event; with the open steps in list state they are not (RocksDB serializes on every access,
 * so it shows any growth at once).
 */
public final class EpisodeLengthBench {
    private static final long T0_US = 1_764_403_200_000_000L;
    /** One click (press and release) every 170 ms at a new point: one step each, 10,000 steps in 28 minutes. */
    private static final long STEP_US = 170_000L;

    public record Result(String backend, int length, long events, double seconds) {
        public double eventsPerSecond() {
            return events / seconds;
        }

        public double microsPerEvent() {
            return seconds * 1e6 / events;
        }
    }

    private EpisodeLengthBench() {}

    /** Runs {@code events} (rounded to whole episodes) into episodes of {@code length} steps; keyed stage's time. */
    public static Result run(StateSettings.Backend backend, int length, long events, Path dir) throws Exception {
        int devices = (int) Math.max(1, events / (2L * length));
        long n = 2L * length * devices;
        Path state = dir.resolve("episode-length-state");
        DatasetCommitter.deleteRecursively(state);
        StreamExecutionEnvironment env = EmbeddedFlink.environment(1, new StateSettings(backend, state.resolve("checkpoints")));
        DataStream<RawEvent> raw = env.fromSequence(0, n - 1).name("events").uid("events")
                .map(i -> event(i, devices), PipelineTypes.RAW_EVENT).name("to-events").uid("to-events")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<RawEvent>forBoundedOutOfOrderness(Duration.ofMillis(200))
                        .withTimestampAssigner((e, t) -> Math.floorDiv(e.tsUs(), 1000L)));
        // The streaming job's operator (device state written behind). No checkpoints (incremental RocksDB
        // checkpoints of a job that ends within seconds raced its end here): the cache holds the first 4,096
        // devices and the others go straight to state (the 10-step runs' 10,000), and it writes back at 4,096
        // pending steps or ids per device (the long ones).
        DeviceTimelineOperator.apply(raw.keyBy(DeviceTimelineFunction::keyOf, Types.STRING),
                        raw.filter(e -> false).broadcast(DeviceTimelineFunction.CONSENT),
                        new DeviceTimelineFunction(SessionRules.DEFAULT, 60_000_000L, new Pseudonymizer(new byte[32]),
                                RedactionPolicy.DEFAULT, true))
                .name("device-timeline").uid("device-timeline")
                .sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
        JobExecutionResult r = env.execute("episode length " + length + " on " + backend.wire());
        DatasetCommitter.deleteRecursively(state);
        return new Result(backend.wire(), length, n, r.getNetRuntime() / 1000.0);
    }

    /** Event {@code i}: round {@code i / (2 devices)} of clicks, device and press or release from the rest. */
    static RawEvent event(long i, int devices) {
        long round = i / (2L * devices);
        int device = (int) (i % (2L * devices) / 2);
        boolean up = i % 2 == 1;
        long ts = T0_US + round * STEP_US + device * (STEP_US / 2 / devices) + (up ? 60_000 : 0);
        int x = (int) (round % 100) * 10;
        int y = (int) (round / 100 % 100) * 10;
        String user = "u-" + device;
        return new MouseEvent((up ? "u" : "d") + round, user, "d-" + device, ts, 2 * round + (up ? 1 : 0),
                up ? MouseEvent.Action.UP : MouseEvent.Action.DOWN, x, y, MouseEvent.Button.LEFT, 0, 0);
    }

    /** {@code java -cp episodes.jar dev.episodes.harness.EpisodeLengthBench DIR EVENTS [hashmap|rocksdb ...]} */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/episode-length");
        long events = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        String[] backends = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[] {"hashmap", "rocksdb"};
        run(StateSettings.Backend.HASHMAP, 10, events, dir); // warm-up: JIT, class loading
        for (String b : backends) {
            for (int length : new int[] {10, 1_000, 10_000}) {
                Result r = run(StateSettings.Backend.parse(b), length, events, dir);
                System.out.printf("%-8s length %,6d: %,9d events in %6.2f s = %,9.0f events/s, %6.2f us/event%n",
                        r.backend(), r.length(), r.events(), r.seconds(), r.eventsPerSecond(), r.microsPerEvent());
            }
        }
    }
}
