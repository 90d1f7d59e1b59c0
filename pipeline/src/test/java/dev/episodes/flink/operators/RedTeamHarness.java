package dev.episodes.flink.operators;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.Episode;
import dev.episodes.testing.Events;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** Red team (issue 16): the keyed stage in an operator harness with the job's settings, on either backend. */
final class RedTeamHarness extends KeyedBroadcastOperatorTestHarness<String, RawEvent, RawEvent, Episode> {
    final DeviceTimelineFunction function;

    RedTeamHarness(DeviceSettings settings, String backend) throws Exception {
        this(settings, backend, "on");
    }

    RedTeamHarness(DeviceSettings settings, String backend, String cache) throws Exception {
        this(new DeviceTimelineFunction(settings, new Pseudonymizer(new byte[32]), RedactionPolicy.DEFAULT, true, 0L),
                backend, cache);
    }

    RedTeamHarness(DeviceTimelineFunction f, String backend) throws Exception {
        this(f, backend, "on");
    }

    /**
     * {@code cache}: {@code on} (the streaming operator, device state written behind), {@code tiny} (the
     * same with room for one device and 3 pending ids or steps: written back all the time) or {@code off}
     * (Flink's own operator, as BATCH runs: every access reaches state).
     */
    RedTeamHarness(DeviceTimelineFunction f, String backend, String cache) throws Exception {
        super(switch (cache) {
                    case "off" -> new CoBroadcastWithKeyedOperator<>(f, List.of(DeviceTimelineFunction.CONSENT));
                    case "on" -> new DeviceTimelineOperator(f);
                    case "tiny" -> new DeviceTimelineOperator(f.cacheSizes(1, 3));
                    default -> throw new IllegalArgumentException(cache);
                },
                DeviceTimelineFunction::keyOf, Types.STRING, 1, 1, 0);
        this.function = f;
        setStateBackend(backend(backend));
        setup(PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl()));
    }

    static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    @Override
    public void processWatermark(long ms) throws Exception {
        super.processBroadcastWatermark(ms);
        super.processWatermark(ms);
    }

    /** A watermark {@code ms} after {@link Events#T0_US}. */
    void watermarkAt(long ms) throws Exception {
        processWatermark(Events.T0_US / 1000 + ms);
    }

    void event(RawEvent e) throws Exception {
        processElement(e, Math.floorDiv(e.tsUs(), 1000L));
    }

    /** A press at {@code ms} after T0 with id {@code id}. */
    static RawEvent press(String id, long ms) {
        return new MouseEvent(id, Events.USER, Events.DEVICE, Events.us(ms), 1, MouseEvent.Action.DOWN, 5, 5,
                MouseEvent.Button.LEFT, 0, 0);
    }

    /** Its release 80 ms later. */
    static RawEvent release(String id, long ms) {
        return new MouseEvent(id, Events.USER, Events.DEVICE, Events.us(ms) + 80_000, 2, MouseEvent.Action.UP, 5, 5,
                MouseEvent.Button.LEFT, 0, 0);
    }

    void click(String id, long ms) throws Exception {
        event(press(id + "/d", ms));
        event(release(id + "/u", ms));
    }

    int late() {
        var out = getSideOutput(DeviceTimelineFunction.LATE);
        return out == null ? 0 : out.size();
    }
}
