package dev.episodes.harness;

import dev.episodes.device.DeviceSettings;
import dev.episodes.device.DeviceState;
import dev.episodes.device.DeviceStores;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What one active person's device holds in state, by state, at a steady rate of events: the basis of
 * the sizing table. A person sends {@code eventsPerSecond} (mostly pointer moves, a click every few
 * seconds, bursts of typing), event time trails by the out-of-orderness, and the measurement is taken
 * deep into an episode (the open steps are the largest part and grow until the episode closes).
 */
public final class ActiveDeviceState {
    /** Serialized bytes per state (what a checkpoint writes and RocksDB stores, before compression). */
    public record Bytes(long device, long waiting, long seenIds, long openSteps, long masks, int waitingEvents,
            int ids, int steps) {
        public long total() {
            return device + waiting + seenIds + openSteps + masks;
        }
    }

    private ActiveDeviceState() {}

    /** After {@code seconds} of activity at {@code eventsPerSecond}, event time {@code lagSeconds} behind. */
    public static Bytes measure(int eventsPerSecond, int seconds, int lagSeconds) throws IOException {
        DeviceStores stores = DeviceStores.inMemory();
        Privacy privacy = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT), true);
        DeviceState st = new DeviceState(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L), stores);
        TimelineOutput none = new TimelineOutput() {
            @Override
            public void episode(Episode episode) {}

            @Override
            public void dropped(String reason) {}
        };
        Random r = new Random(16);
        long t0 = 1_764_403_200_000_000L;
        long step = 1_000_000L / eventsPerSecond;
        int x = 400;
        int y = 300;
        long seq = 0;
        long ts = t0;
        for (long i = 0; i < (long) eventsPerSecond * seconds; i++) {
            ts = t0 + i * step;
            String id = "e-" + i;
            RawEvent e;
            int kind = (int) (i % (eventsPerSecond * 3L));
            if (kind == 0) {
                e = new ContextEvent(id, "u-1042", "d-7", ts, seq++, "Chrome", "Inbox - Mail", "https://mail.example.com/inbox",
                        new Element("textbox", "Search mail", false, x, y, 300, 24), "s3://shots/d-7/" + i + ".png", 2560, 1440);
            } else if (kind == 1 || kind == 2) {
                e = new MouseEvent(id, "u-1042", "d-7", ts, seq++, kind == 1 ? MouseEvent.Action.DOWN : MouseEvent.Action.UP,
                        x, y, MouseEvent.Button.LEFT, 0, 0);
            } else if (kind < 3 + eventsPerSecond / 2) {
                String key = String.valueOf((char) ('a' + r.nextInt(26)));
                e = new KeyEvent(id, "u-1042", "d-7", ts, seq++, kind % 2 == 1, key, "Key" + key.toUpperCase(), 0);
            } else {
                x = Math.max(0, Math.min(2559, x + r.nextInt(21) - 10));
                y = Math.max(0, Math.min(1439, y + r.nextInt(21) - 10));
                e = new MouseEvent(id, "u-1042", "d-7", ts, seq++, MouseEvent.Action.MOVE, x, y, null, 0, 0);
            }
            st.offer(e);
            if (i % Math.max(1, eventsPerSecond / 5) == 0) { // a watermark every 200 ms of event time
                st.advanceTo(ts - lagSeconds * 1_000_000L, ev -> st.timeline().accept(ev, privacy, none), privacy, none);
            }
        }
        List<RawEvent> waiting = stores.waitingEvents().all();
        int ids = stores.seenIds().count(t -> true);
        List<Step> steps = stores.openSteps().takeAll(); // measured last: taking them ends the measurement
        return new Bytes(bytes(PipelineTypes.DEVICE_STATE.createSerializer(new SerializerConfigImpl()), List.of(st)),
                bytes(PipelineTypes.RAW_EVENT.createSerializer(new SerializerConfigImpl()), waiting),
                16L * ids, // a hash and a time: what a map entry holds, before the backend's own overhead
                bytes(PipelineTypes.STEP.createSerializer(new SerializerConfigImpl()), steps),
                bytes(PipelineTypes.MASK_PLANNER.createSerializer(new SerializerConfigImpl()), List.of(stores.loadMasks())),
                waiting.size(), ids, steps.size());
    }

    private static <T> long bytes(TypeSerializer<T> s, List<T> values) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        for (T v : values) {
            s.serialize(v, out);
        }
        return out.length();
    }

    public static void main(String[] args) throws IOException {
        for (int rate : new int[] {3, 30}) {
            Bytes b = measure(rate, 20 * 60, 10);
            System.out.printf("%d events/s, 20 min into an episode: device %,d B, waiting %,d B (%d events), seen-ids %,d B "
                    + "(%d ids), open steps %,d B (%d steps), masks %,d B: %,d B in all%n", rate, b.device(), b.waiting(),
                    b.waitingEvents(), b.seenIds(), b.ids(), b.openSteps(), b.steps(), b.masks(), b.total());
        }
    }
}
