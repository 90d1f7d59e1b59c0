package dev.episodes.reduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.Modifiers;
import dev.episodes.event.RawEvent;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Events;
import dev.episodes.testing.Reduce;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reducer's side of issue 13: secure visits, late focus, shortcuts versus produced characters, state. */
class SecureVisitsTest {

    private static final List<RawEvent> LATE_PIN = Desk.start()
            .focus("Google Chrome", "Bank", "https://bank.example/", "textbox", "Customer number", false, 1, 1)
            .pause(5_000).type("4821").enter().click(700, 700)
            .focusAt(5_000 + 1_000, "Google Chrome", "Bank", "https://bank.example/", "textbox", "Card PIN", true)
            .pause(300).type("9").enter().pause(4_000).type("hello").events();

    @Test
    void lateKeysJoinTheSecureVisitAndTheClickBetweenComesAfterIt() {
        List<Step> steps = Reduce.steps(LATE_PIN);
        assertEquals(List.of("type", "click", "type"), steps.stream().map(s -> s.action().wire()).toList());
        assertTrue(steps.get(0).context().secure());
        assertEquals("hello", steps.get(2).text());
        assertTrue(steps.get(0).tsUs() < steps.get(1).tsUs(), "steps come out in the order they began");
    }

    @Test
    void advancingTimeNeverChangesWhatComesOutWithStepsHeldBackForALateFocus() {
        List<Step> plain = Reduce.steps(LATE_PIN);
        for (long stepMs : new long[] {1, 50, 499, 1_000, 2_999, 3_000, 3_001}) {
            ActionReducer r = new ActionReducer(Reduce.GAP_US);
            List<Step> out = new ArrayList<>();
            long t = Events.T0_US;
            for (RawEvent e : LATE_PIN) {
                while (t + stepMs * 1000 < e.tsUs()) {
                    t += stepMs * 1000;
                    r.advanceTo(t, out::add);
                }
                r.accept(e, out::add);
            }
            r.finish(out::add);
            assertEquals(plain, out, "advancing every " + stepMs + " ms");
        }
    }

    @Test
    void aSnapshotTakenWhileKeysAreHeldBackRestoresToTheSameSteps() throws IOException {
        List<Step> plain = Reduce.steps(LATE_PIN);
        for (int cut = 1; cut < LATE_PIN.size(); cut += 3) {
            ActionReducer r = new ActionReducer(Reduce.GAP_US);
            List<Step> out = new ArrayList<>();
            for (RawEvent e : LATE_PIN.subList(0, cut)) {
                r.accept(e, out::add);
            }
            r = ActionReducer.readFrom(new DataInputStream(new ByteArrayInputStream(bytes(r))));
            r.idleFlushUs(Reduce.GAP_US); // configuration is not in the bytes: the job binds its gap
            for (RawEvent e : LATE_PIN.subList(cut, LATE_PIN.size())) {
                r.accept(e, out::add);
            }
            r.finish(out::add);
            assertEquals(plain, out, "restored after event " + cut);
        }
    }

    @Test
    void stateWrittenBeforeThisLayoutIsStillRead() throws IOException {
        List<RawEvent> events = Events.script().context(0, "Slack", "#t", "textbox", "Message", false)
                .type(100, "abc").press(2_000, "Enter", 0).list();
        ActionReducer r = new ActionReducer(Reduce.GAP_US);
        List<Step> out = new ArrayList<>();
        for (RawEvent e : events.subList(0, 5)) { // typing open, nothing held back, no command line
            r.accept(e, out::add);
        }
        byte[] now = bytes(r);
        // the first layout: no leading marker but the idle interval, nothing after the pending steps
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        new DataOutputStream(first).writeLong(Reduce.GAP_US);
        first.write(now, 8, now.length - 8 - (4 + 4 + 1 + 4 + 4 + 8));
        byte[] old = first.toByteArray();
        ActionReducer restored = ActionReducer.readFrom(new DataInputStream(new ByteArrayInputStream(old)));
        restored.idleFlushUs(Reduce.GAP_US);
        for (RawEvent e : events.subList(5, events.size())) {
            restored.accept(e, out::add);
        }
        restored.finish(out::add);
        assertEquals(Reduce.steps(events), out);
    }

    @Test
    void shortcutsAreBaseLayerKeysAndEverythingElseWithModifiersIsText() {
        int ctrlAlt = Modifiers.CTRL | Modifiers.ALT;
        assertTrue(KeyClass.isShortcut("c", "KeyC", Modifiers.CTRL));
        assertTrue(KeyClass.isShortcut("a", "KeyQ", Modifiers.CTRL), "ctrl+a on AZERTY");
        assertTrue(KeyClass.isShortcut("T", "KeyT", Modifiers.CTRL | Modifiers.SHIFT));
        assertTrue(KeyClass.isShortcut("t", "KeyT", ctrlAlt), "ctrl+alt+t opens a terminal");
        assertTrue(KeyClass.isShortcut("-", "Minus", Modifiers.CTRL), "zoom out");
        assertTrue(KeyClass.isShortcut("с", "KeyC", Modifiers.CTRL), "ctrl+c on a Cyrillic layout");
        assertTrue(KeyClass.isShortcut("Tab", "Tab", Modifiers.ALT));
        assertTrue(KeyClass.isShortcut("∂", "KeyD", Modifiers.META | Modifiers.ALT), "Command held: a shortcut");
        assertTrue(!KeyClass.isShortcut("€", "KeyE", ctrlAlt), "AltGr+e");
        assertTrue(!KeyClass.isShortcut("@", "KeyQ", ctrlAlt), "AltGr+q on QWERTZ");
        assertTrue(!KeyClass.isShortcut("@", "Digit2", ctrlAlt), "AltGr+2 on a Nordic layout, no shift");
        assertTrue(!KeyClass.isShortcut("{", "Digit7", ctrlAlt));
        assertTrue(!KeyClass.isShortcut("π", "KeyP", Modifiers.ALT), "Option+p");
        assertTrue(!KeyClass.isShortcut("€", "KeyE", Modifiers.CTRL), "AltGr reported as ctrl alone");
        assertTrue(!KeyClass.isShortcut("n\u0303", "KeyN", Modifiers.CTRL), "several code points are text");
        assertEquals(KeyClass.PRINTABLE, KeyClass.of("👍🏽"));
        assertEquals(KeyClass.PRINTABLE, KeyClass.of("n\u0303"));
        assertEquals(KeyClass.NAMED, KeyClass.of("MediaPlayPause"));
        assertEquals(KeyClass.PRINTABLE, KeyClass.of("A"));
    }

    private static byte[] bytes(ActionReducer r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        r.writeTo(new DataOutputStream(b));
        return b.toByteArray();
    }
}
