package dev.episodes.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.event.RawEvent;
import dev.episodes.testing.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static final long RETENTION_US = 60_000_000L;

    @Test
    void releasesInTimeThenSeqOrderUpToTheWatermark() {
        List<RawEvent> e = Events.script().click(0, 1, 1).click(1000, 2, 2).list(); // e1@0 e2@80 e3@1000 e4@1080
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        for (int i : new int[] {3, 0, 2, 1}) {
            assertEquals(Admission.ACCEPTED, b.offer(e.get(i)));
        }
        List<String> out = new ArrayList<>();
        b.release(Events.us(1000), r -> out.add(r.eventId()));
        assertEquals(List.of("e1", "e2", "e3"), out);
        assertEquals(Events.us(1080), b.nextReleaseUs());
    }

    @Test
    void repeatsAreDuplicatesWhetherWaitingOrAlreadyReleased() {
        RawEvent e = Events.script().move(0, 1, 1).list().get(0);
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        assertEquals(Admission.ACCEPTED, b.offer(e));
        assertEquals(Admission.DUPLICATE, b.offer(e));
        b.release(Events.us(10), r -> { });
        assertEquals(Admission.DUPLICATE, b.offer(e));
    }

    @Test
    void anEventAtOrBeforeWhatWasReleasedIsLate() {
        List<RawEvent> e = Events.script().move(0, 1, 1).move(500, 1, 1).move(501, 1, 1).list();
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        b.release(Events.us(500), r -> { });
        assertEquals(Admission.LATE, b.offer(e.get(0)));
        assertEquals(Admission.LATE, b.offer(e.get(1)));
        assertEquals(Admission.ACCEPTED, b.offer(e.get(2)));
    }

    @Test
    void idsAreForgottenAfterTheRetentionSoStateStaysBounded() {
        RawEvent e = Events.script().move(0, 1, 1).list().get(0);
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        b.offer(e);
        b.release(Events.us(0), r -> { });
        assertEquals(1, b.rememberedCount());
        b.release(Events.us(60_000), r -> { });
        assertEquals(1, b.rememberedCount(), "kept for exactly the retention");
        b.release(Events.us(60_001), r -> { });
        assertEquals(0, b.rememberedCount());
        assertEquals(Admission.LATE, b.offer(e), "a repeat older than the retention is reported late, not lost");
    }

    @Test
    void theWakeUpForForgettingIsAlwaysAfterTheWatermarkThatWasJustReleasedTo() {
        // ts ends in ...999 and the retention is whole milliseconds: the id becomes forgettable exactly one
        // microsecond after a millisecond watermark (W*1000+999) covers ts + retention. Asking to wake at
        // ts + retention re-armed the timer at the watermark that fired it, forever (issue 12).
        RawEvent e = new dev.episodes.event.MouseEvent("m", Events.USER, Events.DEVICE, Events.T0_US + 999, 0,
                dev.episodes.event.MouseEvent.Action.MOVE, 1, 1, null, 0, 0);
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        b.offer(e);
        long watermark = Events.T0_US + RETENTION_US + 999; // the millisecond watermark covering ts + retention
        b.release(watermark, r -> { });
        assertEquals(1, b.rememberedCount(), "still within the retention");
        assertEquals(watermark + 1, b.nextForgetUs(), "wakes when forgetting can happen, never at the watermark");
        b.release(b.nextForgetUs(), r -> { });
        assertEquals(0, b.rememberedCount(), "and that wake-up forgets it");
        assertEquals(Long.MAX_VALUE, b.nextForgetUs());
    }

    @Test
    void anAbsurdRetentionNeverWrapsAround() {
        RawEvent e = Events.script().move(0, 1, 1).list().get(0);
        ReorderBuffer b = new ReorderBuffer(Long.MAX_VALUE - 1);
        b.offer(e);
        b.release(Events.us(1), r -> { });
        assertEquals(Long.MAX_VALUE, b.nextForgetUs());
        assertEquals(1, b.rememberedCount());
        b.release(Long.MAX_VALUE, r -> { });
        assertEquals(0, b.rememberedCount(), "the final watermark forgets everything");
    }

    @Test
    void survivesASnapshotRoundTrip() throws Exception {
        List<RawEvent> e = Events.script().context(0, "A", "t", "textbox", "n", true).click(10, 1, 1)
                .press(20, "x", 3).wheel(30, 1, -2).list();
        ReorderBuffer b = new ReorderBuffer(RETENTION_US);
        ReorderBuffer twin = new ReorderBuffer(RETENTION_US); // the same calls, never written
        for (ReorderBuffer x : List.of(b, twin)) {
            e.forEach(x::offer);
            x.release(Events.us(10), r -> { });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.writeTo(new DataOutputStream(bytes));
        ReorderBuffer restored = ReorderBuffer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        // The retention and the stores are not in the bytes: the job binds them (in Flink, states of their own).
        restored.bind(RETENTION_US, b.seenIds(), b.waitingEvents());
        assertEquals(Admission.DUPLICATE, restored.offer(e.get(1)), "a released id is still remembered");
        assertEquals(Admission.DUPLICATE, restored.offer(e.get(e.size() - 1)), "a waiting id too");
        assertEquals(twin.waitingCount(), restored.waitingCount());
        List<RawEvent> a = new ArrayList<>();
        List<RawEvent> c = new ArrayList<>();
        twin.release(Long.MAX_VALUE, a::add);
        restored.release(Long.MAX_VALUE, c::add);
        assertEquals(a, c);
        assertEquals(e.size() - 2, c.size(), "what waited at the cut (the context and the first press were released)");
    }
}
