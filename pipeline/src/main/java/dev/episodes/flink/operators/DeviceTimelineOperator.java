package dev.episodes.flink.operators;

import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.session.Episode;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;

/**
 * The streaming keyed stage: Flink's keyed broadcast operator around {@link DeviceTimelineFunction}, which it
 * lets write device state behind ({@link DeviceCache}). It gives the function its key context (a flush
 * writes each cached device under its own key) and flushes in every checkpoint, before keyed state is snapshotted, and at the
 * end of input. The same function, timers ({@code user-timers}), states and uid as
 * {@code BroadcastConnectedStream.process}: a savepoint of either restores into the other.
 *
 * <p>Streaming only. In BATCH mode Flink sorts keyed input and keeps the state of the current key alone,
 * so there is nothing to cache; bounded builds use {@code process} there.
 */
public final class DeviceTimelineOperator extends CoBroadcastWithKeyedOperator<String, RawEvent, RawEvent, Episode>
        implements KeyScope {
    private static final long serialVersionUID = 1L;

    public DeviceTimelineOperator(DeviceTimelineFunction timeline) {
        super(timeline, List.of(DeviceTimelineFunction.CONSENT));
    }

    /** {@code devices} connected to {@code consent}, through this operator. */
    public static SingleOutputStreamOperator<Episode> apply(KeyedStream<RawEvent, String> devices,
            BroadcastStream<RawEvent> consent, DeviceTimelineFunction timeline) {
        StreamExecutionEnvironment env = devices.getExecutionEnvironment();
        TwoInputTransformation<RawEvent, RawEvent, Episode> t = new TwoInputTransformation<>(
                devices.getTransformation(), consent.getTransformation(), "device-timeline",
                new DeviceTimelineOperator(env.clean(timeline)), PipelineTypes.EPISODE, env.getParallelism());
        t.setStateKeySelectors(devices.getKeySelector(), null);
        t.setStateKeyType(devices.getKeyType());
        env.addOperator(t);
        return new SingleOutputStreamOperator<>(env, t) { };
    }

    private DeviceTimelineFunction timeline() {
        return (DeviceTimelineFunction) getUserFunction();
    }

    @Override
    public void open() throws Exception {
        timeline().writeBehind(this); // before the function's open, which builds the cache
        super.open();
    }

    /**
     * Flink calls this in the synchronous part of every checkpoint and savepoint, before it snapshots keyed
     * state: what the cache holds is in the snapshot. It writes state only (nothing is emitted), so after
     * the barrier is as good as before it.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        timeline().flush();
        super.snapshotState(context);
    }

    @Override
    public void finish() throws Exception {
        timeline().flush();
        super.finish();
    }

    @Override
    public Object currentKey() {
        return getCurrentKey();
    }

    @Override
    public void enter(Object key) {
        setCurrentKey(key);
    }
}
