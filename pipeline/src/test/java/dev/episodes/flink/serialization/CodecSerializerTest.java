package dev.episodes.flink.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.episodes.device.DeviceState;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CodecSerializerTest {
    private static final Privacy KEYS = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT));

    private static TimelineOutput into(List<Episode> out) {
        return new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                out.add(episode);
            }

            @Override
            public void dropped(String reason) {}
        };
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        return serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
    }

    private static List<RawEvent> day() {
        return Events.script().context(0, "Chrome", "Inbox", "textbox", "Password", true).click(10, 5, 5)
                .type(200, "secret").press(2000, "Enter", 0).wheel(2100, 0, 4).press(2200, "c", 1).list();
    }

    @Test
    void rawEventsRoundTrip() throws Exception {
        TypeSerializer<RawEvent> s = PipelineTypes.RAW_EVENT.createSerializer(new SerializerConfigImpl());
        for (RawEvent e : day()) {
            assertEquals(e, roundTrip(s, e));
        }
    }

    @Test
    void episodesRoundTrip() throws Exception {
        DeviceState st = new DeviceState(SessionRules.DEFAULT, 60_000_000L);
        List<Episode> out = new ArrayList<>();
        day().forEach(e -> st.timeline().accept(e, KEYS, into(out)));
        st.timeline().finish(KEYS, into(out));
        TypeSerializer<Episode> s = PipelineTypes.EPISODE.createSerializer(new SerializerConfigImpl());
        assertEquals(out.get(0), roundTrip(s, out.get(0)));
    }

    @Test
    void deviceStateCopiesAreDeepAndRestoreFromTheSnapshot() throws Exception {
        DeviceState st = new DeviceState(SessionRules.DEFAULT, 60_000_000L);
        day().forEach(e -> st.buffer().offer(e));
        st.buffer().release(Events.us(300), e -> st.timeline().accept(e, KEYS, into(new ArrayList<>())));
        TypeSerializer<DeviceState> s = PipelineTypes.DEVICE_STATE.createSerializer(new SerializerConfigImpl());
        DeviceState copy = s.copy(st);
        assertNotSame(st, copy);
        assertEquals(Arrays.toString(bytes(st)), Arrays.toString(bytes(copy)));

        TypeSerializerSnapshot<DeviceState> snap = s.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snap.writeSnapshot(out);
        TypeSerializerSnapshot<DeviceState> restored = new CodecSerializerSnapshot<>();
        restored.readSnapshot(snap.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());
        assertEquals(s, restored.restoreSerializer());
        assertEquals(Arrays.toString(bytes(st)), Arrays.toString(bytes(roundTrip(restored.restoreSerializer(), st))));
    }

    private static byte[] bytes(DeviceState st) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        st.writeTo(new DataOutputStream(b));
        return b.toByteArray();
    }

    @Test
    void archiveLinesAndTruncationCountsRoundTrip() throws Exception {
        TypeSerializer<dev.episodes.archive.ArchiveLine> s = PipelineTypes.ARCHIVE_LINE
                .createSerializer(new SerializerConfigImpl());
        byte[] bytes = {'{', (byte) 0xC0, (byte) 0xAF, '}'};
        var line = roundTrip(s, dev.episodes.archive.ArchiveLine.line(3, 1L << 40, bytes));
        assertEquals(3, line.file());
        assertEquals(1L << 40, line.number());
        assertEquals(dev.episodes.archive.ArchiveLine.Kind.LINE, line.kind());
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, line.bytes(), "bytes as read, never decoded");
        var broken = roundTrip(s, dev.episodes.archive.ArchiveLine.unreadable(1, 9, "corrupt gzip"));
        assertEquals("corrupt gzip", broken.error());
        assertEquals(dev.episodes.archive.ArchiveLine.Kind.UNREADABLE, broken.kind());
        TypeSerializer<dev.episodes.decode.DecodeResult> d = PipelineTypes.DECODE_RESULT
                .createSerializer(new SerializerConfigImpl());
        var decoded = new dev.episodes.decode.DecodeResult.Decoded(day().get(0), 3);
        assertEquals(decoded, roundTrip(d, decoded));
    }
}
