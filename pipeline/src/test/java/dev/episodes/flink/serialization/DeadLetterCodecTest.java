package dev.episodes.flink.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.RejectReason;
import dev.episodes.snapshot.StateIO;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Dead letters keep their source through state and the wire; state written before sources still reads. */
class DeadLetterCodecTest {
    private static final DeadLetterCodec CODEC = new DeadLetterCodec();

    private static DeadLetter roundTrip(DeadLetter dl) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CODEC.write(dl, out);
        return CODEC.read(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void everySourceRoundTrips() throws Exception {
        DeadLetter base = DeadLetter.of(RejectReason.LINE_TOO_LONG, "d", "raw", "u-1", 42L);
        for (DeadLetter dl : new DeadLetter[] {base, base.from(new DeadLetter.FileLine("sub/x.jsonl", 12)),
                base.from(new DeadLetter.TopicRecord("activity.keys", 3, 1L << 40))}) {
            assertEquals(dl, roundTrip(dl));
        }
    }

    @Test
    void theFormatWrittenBeforeSourcesStillReads() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeByte(RejectReason.LATE.ordinal());
        StateIO.writeString(out, "d");
        StateIO.writeString(out, "{}");
        StateIO.writeString(out, "u-1");
        out.writeLong(7L);
        assertEquals(DeadLetter.of(RejectReason.LATE, "d", "{}", "u-1", 7L),
                CODEC.read(new DataInputDeserializer(out.getCopyOfBuffer())));
    }
}
