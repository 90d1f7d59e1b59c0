package dev.episodes.flink.serialization;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.RejectReason;
import dev.episodes.device.DeviceState;
import dev.episodes.device.Privacy;
import dev.episodes.device.TimelineOutput;
import dev.episodes.event.ConsentEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.sink.CommittableLayout;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The registry of every layout under guard (SerializerLayoutsTest): each {@link Codec} and the streaming
 * sink's committable serializer, with fixed sample values that exercise their branches. A new codec
 * gets an entry here (the test fails until it has one).
 */
final class LayoutSamples {
    private LayoutSamples() {}

    /** One layout: its name (the class), the version written, its sample's bytes, and how it reads. */
    interface Layout {
        String name();

        int version();

        boolean reads(int version);

        byte[] sample() throws IOException;

        /** Reads {@code bytes} of layout {@code version} and writes what it read in the current layout. */
        byte[] rewrite(int version, byte[] bytes) throws IOException;
    }

    static List<Layout> all() throws IOException {
        return List.of(
                new CodecLayout<>(new RawEventCodec(), events()),
                new CodecLayout<>(new DeadLetterCodec(), deadLetters()),
                new CodecLayout<>(new DecodeResultCodec(), List.of(new DecodeResult.Decoded(events().get(2), 2),
                        new DecodeResult.Decoded(events().get(events().size() - 1), 0),
                        new DecodeResult.Rejected(deadLetters().get(1)))),
                new CodecLayout<>(new ArchiveLineCodec(), List.of(ArchiveLine.line(3, 1L << 40, new byte[] {'{', (byte) 0xC0, '}'}),
                        ArchiveLine.unreadable(1, 9, "corrupt gzip"))),
                new CodecLayout<>(new EpisodeCodec(), List.of(closedEpisode(), closedEpisode().withIdentity(
                        "u_0123456789abcdef0123456789abcdef", "d_0123456789abcdef0123456789abcdef", "validation"))),
                new CodecLayout<>(new DeviceStateCodec(), List.of(deviceState(true))),
                new CodecLayout<>(new StepCodec(), closedEpisode().steps()),
                new CodecLayout<>(new MaskPlannerCodec(), List.of(maskMemory())),
                new Committable());
    }

    static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT), true);

    /** Every kind of event, a null button and a secure element among them. */
    static List<RawEvent> events() {
        List<RawEvent> list = new ArrayList<>(Events.script().context(0, "Chrome", "Sign in", "textbox", "Password", true)
                .down(10, 5, 6, dev.episodes.event.MouseEvent.Button.RIGHT).move(20, -3, 7).wheel(30, 0, -4)
                .press(40, "A", 1).list());
        list.add(new ConsentEvent("c1", Events.USER, Events.DEVICE, Events.us(50), 9, false));
        list.add(new ConsentEvent("c2", Events.USER, "", Events.us(60), 0, false, Events.us(90))); // a pause (v2)
        return list;
    }

    static List<DeadLetter> deadLetters() {
        DeadLetter plain = DeadLetter.of(RejectReason.MALFORMED_JSON, "unexpected end", "{\"ts", "u-1", Events.us(1));
        return List.of(plain, DeadLetter.of(RejectReason.LINE_TOO_LONG, "2 MiB", null, null, 0).from(
                new DeadLetter.FileLine("day-1.jsonl.gz", 77)), plain.from(new DeadLetter.TopicRecord("raw.keys", 3, 1L << 33)));
    }

    /**
     * A device that closed one episode (with frames on, so the mask memory remembers the secret field
     * it was typed into) and holds an open one: a typing visit open in a shell, steps in the open
     * episode, and events still waiting in the reorder buffer behind the watermark.
     */
    static DeviceState deviceState(boolean frames) {
        return deviceState(frames, dev.episodes.device.DeviceStores.inMemory());
    }

    /** The mask memory of the sample device: the secret field it typed into, remembered. */
    static dev.episodes.masking.MaskPlanner maskMemory() {
        dev.episodes.device.DeviceStores stores = dev.episodes.device.DeviceStores.inMemory();
        deviceState(true, stores);
        return stores.loadMasks();
    }

    static DeviceState deviceState(boolean frames, dev.episodes.device.DeviceStores stores) {
        Privacy privacy = new Privacy(PRIVACY.pseudonyms(), PRIVACY.redactor(), frames);
        List<Episode> closed = new ArrayList<>();
        DeviceState st = new DeviceState(new dev.episodes.device.DeviceSettings(SessionRules.DEFAULT, 60_000_000L), stores);
        List<RawEvent> script = Events.script()
                .context(0, "Chrome", "Sign in", "textbox", "Password", true).click(10, 15, 25).type(200, "hunter2")
                .press(1_000, "Enter", 0)
                .context(400_000, "Terminal", "bash", "textbox", "Shell", false).click(400_010, 30, 40)
                .type(400_200, "ls -la").wheel(401_000, 0, 3)
                .list();
        script.forEach(st::offer);
        st.advanceTo(Events.us(400_500), e -> st.timeline().accept(e, privacy, into(closed)), privacy, into(closed));
        st.timerUs(st.nextWakeUpUs());
        if (closed.size() != 1 || !st.hasOpenWork() || st.buffer().nextReleaseUs() == Long.MAX_VALUE) {
            throw new IllegalStateException("the sample device no longer holds what it should: " + closed.size()
                    + " closed, open work " + st.hasOpenWork());
        }
        return st;
    }

    static Episode closedEpisode() {
        List<Episode> closed = new ArrayList<>();
        DeviceState st = new DeviceState(SessionRules.DEFAULT, 60_000_000L);
        Events.script().context(0, "Chrome", "Sign in", "textbox", "Password", true).click(10, 15, 25)
                .type(200, "hunter2").press(1_000, "Enter", 0).wheel(2_000, 0, 4).list()
                .forEach(e -> st.timeline().accept(e, PRIVACY, into(closed)));
        st.timeline().finish(PRIVACY, into(closed));
        Episode e = closed.get(0);
        List<dev.episodes.reduction.Step> steps = new ArrayList<>();
        for (int i = 0; i < e.steps().size(); i++) {
            dev.episodes.reduction.Step s = e.steps().get(i);
            steps.add(new dev.episodes.reduction.Step(s.action(), s.tsUs(), s.endTsUs(), s.x(), s.y(), s.toX(), s.toY(),
                    s.scrollDx(), s.scrollDy(), s.text(), s.keys(), s.context(), s.redactions(), REDUCED_IDS.get(i),
                    s.gapBeforeUs()));
        }
        return e.withSteps(steps);
    }

    /**
     * The raw events each of the sample's steps came from, as reduction gives them. A redacted step keeps
     * only its first (Step.withFirstEventId), but the codecs write and read lists, and state written
     * before that change holds whole lists: the samples keep them, as they were recorded.
     */
    static final List<List<String>> REDUCED_IDS = List.of(List.of("e2", "e3"),
            java.util.stream.IntStream.rangeClosed(4, 18).mapToObj(i -> "e" + i).toList(), List.of("e20"));

    static TimelineOutput into(List<Episode> out) {
        return new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                out.add(episode);
            }

            @Override
            public void dropped(String reason) {}
        };
    }

    /** A codec's samples written one after another. */
    record CodecLayout<T>(Codec<T> codec, List<T> samples) implements Layout {
        @Override
        public String name() {
            return codec.getClass().getName();
        }

        @Override
        public int version() {
            return codec.version();
        }

        @Override
        public boolean reads(int version) {
            return codec.reads(version);
        }

        @Override
        public byte[] sample() throws IOException {
            return write(samples);
        }

        @Override
        public byte[] rewrite(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            List<T> read = new ArrayList<>();
            while (in.available() > 0) {
                read.add(codec.read(in, version));
            }
            return write(read);
        }

        private byte[] write(List<T> values) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            for (T v : values) {
                codec.write(v, out);
            }
            return out.getCopyOfBuffer();
        }
    }

    /** The streaming sink's committable: JSON of a shard under its final names. */
    static final class Committable implements Layout {
        private final CommittableLayout serializer = new CommittableLayout(Path.of("unused"));

        @Override
        public String name() {
            return CommittableLayout.NAME;
        }

        @Override
        public int version() {
            return serializer.version();
        }

        @Override
        public boolean reads(int version) {
            // Version 1 reads only with its staged files on disk: CommittableSerializerTest covers it.
            return version == version();
        }

        @Override
        public byte[] sample() throws IOException {
            String p = "date=2025-11-29";
            StagedShard shard = new StagedShard(p, List.of(
                    new Manifest.FileEntry("part-sa-0-0.parquet", "steps", 4096, 12, 2, "ab".repeat(32), List.of("p-1"), Map.of()),
                    new Manifest.FileEntry("episodes/part-sa-0-0.parquet", "episodes", 1024, 2, 2, "cd".repeat(32),
                            List.of("p-1"), Map.of("missing", 1L))),
                    "_audit/" + p + "/redactions-part-sa-0-0.jsonl", Map.of("click", 5L, "type", 7L), Map.of("secret", 1L));
            return serializer.serialize(shard);
        }

        @Override
        public byte[] rewrite(int version, byte[] bytes) throws IOException {
            return serializer.serialize(serializer.deserialize(version, bytes));
        }
    }
}
