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
        e.forEach(b::offer);
        b.release(Events.us(10), r -> { });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        b.writeTo(new DataOutputStream(bytes));
        ReorderBuffer restored = ReorderBuffer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(Admission.DUPLICATE, restored.offer(e.get(1)));
        List<RawEvent> a = new ArrayList<>();
        List<RawEvent> c = new ArrayList<>();
        b.release(Long.MAX_VALUE, a::add);
        restored.release(Long.MAX_VALUE, c::add);
        assertEquals(a, c);
    }

    @Test
    void aDeviceBehindTheWatermarkWaitsForItsOwnOutOfOrderness() {
        // The device's clock is 2 min behind: the global watermark is already past all of its events.
        long behind = -120_000;
        List<RawEvent> e = Events.script().click(behind, 1, 1).press(behind + 5_000, "a", 0).list();
        ReorderBuffer b = new ReorderBuffer(RETENTION_US, 10_000_000L);
        long watermark = Events.us(-1);
        assertEquals(Admission.ACCEPTED, b.offer(e.get(2))); // the key arrives first
        assertEquals(Admission.ACCEPTED, b.offer(e.get(3)));
        List<String> out = new ArrayList<>();
        b.advance(watermark, r -> out.add(r.eventId()));
        assertEquals(List.of(), out, "held for the device's own out-of-orderness, not released at once");
        assertEquals(Admission.ACCEPTED, b.offer(e.get(0)), "5 s behind the device's latest: in order");
        assertEquals(Admission.ACCEPTED, b.offer(e.get(1)));
        b.advance(watermark + 1_000_000, r -> out.add(r.eventId()));
        b.advance(Long.MAX_VALUE, r -> out.add(r.eventId()));
        assertEquals(List.of("e1", "e2", "e3", "e4"), out);
    }

    @Test
    void deviceTimeNeverPassesTheGlobalWatermark() {
        // Consent is applied at release; the watermark is what says every consent change up to it is seen.
        RawEvent e = Events.script().move(60_000, 1, 1).list().get(0); // the device's clock is a minute ahead
        ReorderBuffer b = new ReorderBuffer(RETENTION_US, 10_000_000L);
        b.offer(e);
        long watermark = Events.us(0);
        List<RawEvent> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // at 0 and 30 s: silent long enough, so at the watermark, and no further
            assertEquals(watermark, b.advance(watermark, out::add));
            watermark += 30_000_000L;
        }
        assertEquals(List.of(), out, "a minute ahead: the watermark has not reached it");
        assertEquals(Events.us(60_000), b.watermarkForUs(e.tsUs()), "released once the watermark is there");
        b.advance(Events.us(60_000) - 1, out::add);
        assertEquals(List.of(), out);
        b.advance(Events.us(60_000), out::add);
        assertEquals(List.of(e), out);
    }

    @Test
    void aSilentDeviceFollowsTheWatermarkOnceItMovedTheOutOfOrdernessOn() {
        RawEvent e = Events.script().move(-120_000, 1, 1).list().get(0);
        ReorderBuffer b = new ReorderBuffer(RETENTION_US, 10_000_000L);
        b.offer(e);
        long first = Events.us(0);
        assertEquals(e.tsUs() - 10_000_001, b.advance(first, r -> { }), "its own time: latest less 10 s");
        assertEquals(first + 10_000_000 + 10_000_001, b.watermarkForUs(e.tsUs()),
                "silence counts from the first watermark seen after the arrival");
        List<RawEvent> out = new ArrayList<>();
        b.advance(first + 10_000_000 + 10_000_000, out::add);
        assertEquals(List.of(), out);
        b.advance(first + 10_000_000 + 10_000_001, out::add);
        assertEquals(List.of(e), out);
    }

    @Test
    void aWatermarkJumpBetweenTwoArrivalsIsNotSilence() {
        // The device that drives the watermark comes back from a break: the watermark jumps 10 min at once.
        List<RawEvent> e = Events.script().move(-120_000, 1, 1).move(-119_500, 2, 2).move(-119_000, 3, 3).list();
        ReorderBuffer b = new ReorderBuffer(RETENTION_US, 10_000_000L);
        b.offer(e.get(0));
        b.advance(Events.us(0), r -> { });
        b.offer(e.get(2));
        b.advance(Events.us(600_000), r -> { });
        assertEquals(Admission.ACCEPTED, b.offer(e.get(1)), "0.5 s behind the device's latest: in order");
    }

    @Test
    void stateWrittenBeforeDeviceTimeStillReads() throws Exception {
        // The layout before: retention, released-up-to (the global watermark), pending events, released ids.
        List<RawEvent> e = Events.script().click(0, 1, 1).press(5_000, "a", 0).list();
        long releasedUpTo = Events.us(1_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(RETENTION_US);
        out.writeLong(releasedUpTo);
        out.writeInt(2);
        dev.episodes.snapshot.EventIO.write(out, e.get(2));
        dev.episodes.snapshot.EventIO.write(out, e.get(3));
        out.writeInt(2);
        for (RawEvent r : e.subList(0, 2)) {
            out.writeLong(r.tsUs());
            out.writeLong(IdHashes.of(r.eventId()));
        }
        ReorderBuffer b = ReorderBuffer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(releasedUpTo, b.releasedUpToUs());
        assertEquals(Admission.DUPLICATE, b.offer(e.get(0)), "released ids still remembered");
        assertEquals(Admission.DUPLICATE, b.offer(e.get(2)), "waiting events still waiting");
        RawEvent before = new dev.episodes.event.MouseEvent("old", Events.USER, Events.DEVICE, Events.us(500), 9,
                dev.episodes.event.MouseEvent.Action.MOVE, 1, 1, null, 0, 0);
        assertEquals(Admission.LATE, b.offer(before), "behind what was released is still late");
        List<String> released = new ArrayList<>();
        b.advance(Events.us(2_000), r -> released.add(r.eventId()));
        assertEquals(List.of(), released, "the device's time starts at its latest event less the out-of-orderness");
        b.advance(Long.MAX_VALUE, r -> released.add(r.eventId()));
        assertEquals(List.of("e3", "e4"), released);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        b.writeTo(new DataOutputStream(again));
        ReorderBuffer reread = ReorderBuffer.readFrom(new DataInputStream(new ByteArrayInputStream(again.toByteArray())));
        assertEquals(b.releasedUpToUs(), reread.releasedUpToUs(), "and is written in the new layout");
    }
}
