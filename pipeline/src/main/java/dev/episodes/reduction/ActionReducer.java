package dev.episodes.reduction;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.pairing.ContextTracker;
import dev.episodes.pairing.UiContext;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reduces one device's raw events, fed in event-time order, to steps of the action space, each paired
 * with the UI context at its first event. A pure state machine: the steps it emits depend only on the
 * ordered events, never on when time advances between them, because {@link #accept} applies the same
 * expiry rules {@link #advanceTo} does. Steps come out in the order they began.
 */
public final class ActionReducer {
    private static final long NO_TIME = Long.MIN_VALUE;

    private final long idleFlushUs;
    private final ContextTracker contexts;
    private long lastRawTsUs = NO_TIME;
    private long maxGapUs;
    private int pointerX;
    private int pointerY;
    private Pending press;
    private Pending held;

    /** @param idleFlushUs silence after which every pending step is final (the session gap) */
    public ActionReducer(long idleFlushUs) {
        this(idleFlushUs, new ContextTracker());
    }

    private ActionReducer(long idleFlushUs, ContextTracker contexts) {
        this.idleFlushUs = idleFlushUs;
        this.contexts = contexts;
    }

    /** Time of the latest raw event seen, or {@link Long#MIN_VALUE} before any. */
    public long lastRawTsUs() {
        return lastRawTsUs;
    }

    public boolean hasPending() {
        return press != null || held != null;
    }

    public void accept(RawEvent event, Consumer<Step> out) {
        long ts = event.tsUs();
        expire(ts, false, out);
        if (lastRawTsUs != NO_TIME) {
            maxGapUs = Math.max(maxGapUs, ts - lastRawTsUs);
        }
        lastRawTsUs = Math.max(lastRawTsUs, ts);
        if (event instanceof MouseEvent m) {
            onMouse(m, out);
        } else if (event instanceof KeyEvent k) {
            onKey(k, out);
        } else if (event instanceof ContextEvent c) {
            onContext(c, out);
        } // consent is applied upstream, never reduced
    }

    /** Event time has reached {@code watermarkUs}: every event at or before it has been accepted. */
    public void advanceTo(long watermarkUs, Consumer<Step> out) {
        expire(watermarkUs, true, out);
    }

    /** Input ended: whatever is pending is final. */
    public void finish(Consumer<Step> out) {
        flushAll(out);
    }

    /** The earliest event time at which {@link #advanceTo} would emit something, or MAX_VALUE. */
    public long nextDeadlineUs() {
        long deadline = Long.MAX_VALUE;
        if (held != null && held.kind == Pending.Kind.CLICKS && (press == null || !press.continuation)) {
            deadline = held.lastPressTsUs + Thresholds.MULTI_CLICK_INTERVAL_US;
        } else if (held != null && held.kind == Pending.Kind.SCROLL) {
            deadline = held.endTsUs + Thresholds.SCROLL_MERGE_INTERVAL_US;
        }
        if (hasPending()) {
            deadline = Math.min(deadline, lastRawTsUs + idleFlushUs);
        }
        return deadline;
    }

    // An event at time t (inclusive=false) or a watermark t (inclusive=true: later events are > t).
    private void expire(long t, boolean inclusive, Consumer<Step> out) {
        boolean clickInProgress = press != null && press.continuation; // its release decides, not the clock
        if (held != null && held.kind == Pending.Kind.CLICKS && !clickInProgress
                && passed(t, held.lastPressTsUs + Thresholds.MULTI_CLICK_INTERVAL_US, inclusive)) {
            flushHeld(out);
        }
        if (held != null && held.kind == Pending.Kind.SCROLL
                && passed(t, held.endTsUs + Thresholds.SCROLL_MERGE_INTERVAL_US, inclusive)) {
            flushHeld(out);
        }
        if (lastRawTsUs != NO_TIME && passed(t, lastRawTsUs + idleFlushUs, inclusive)) {
            flushAll(out);
        }
    }

    private static boolean passed(long t, long deadline, boolean inclusive) {
        return inclusive ? t >= deadline : t > deadline;
    }

    private void onContext(ContextEvent c, Consumer<Step> out) {
        boolean elementChanged = contexts.update(c);
        if (held != null && held.kind == Pending.Kind.TYPING) {
            if (elementChanged) {
                // Focus reached a secure field just after typing began: the recorder reported the focus
                // late, and those first keys belong to the password. Over-redacting is the safe side.
                if (contexts.current().secure() && c.tsUs() - held.tsUs <= Thresholds.LATE_FOCUS_GRACE_US) {
                    held.secure = true;
                }
                flushHeld(out);
            } else {
                held.secure |= contexts.current().secure(); // a late secure flag covers the whole visit
                held.add(c.eventId(), c.tsUs());
            }
        }
    }

    private void onMouse(MouseEvent m, Consumer<Step> out) {
        switch (m.action()) {
            case MOVE -> {
                pointerX = m.x();
                pointerY = m.y();
            }
            case DOWN -> onPress(m, out);
            case UP -> {
                pointerX = m.x();
                pointerY = m.y();
                if (press != null && press.button == m.button()) {
                    press.add(m.eventId(), m.tsUs());
                    release(m.x(), m.y(), out);
                }
            }
            case WHEEL -> {
                if (held != null && held.kind == Pending.Kind.SCROLL
                        && m.tsUs() - held.endTsUs <= Thresholds.SCROLL_MERGE_INTERVAL_US) {
                    held.dx += m.dx();
                    held.dy += m.dy();
                    held.add(m.eventId(), m.tsUs());
                    return;
                }
                // A button still down ends here (its release would find the scroll in its place): one
                // flush keeps the click before the scroll it preceded and loses neither.
                flushAll(out);
                held = new Pending(Pending.Kind.SCROLL, m.tsUs(), contexts.current(), takeGap(), null, m.x(), m.y());
                held.dx = m.dx();
                held.dy = m.dy();
                held.add(m.eventId(), m.tsUs());
            }
        }
    }

    private void onPress(MouseEvent m, Consumer<Step> out) {
        pointerX = m.x();
        pointerY = m.y();
        if (press != null) { // the release of the previous press was lost
            release(pointerX, pointerY, out);
        }
        boolean continuation = held != null && held.kind == Pending.Kind.CLICKS
                && m.button() == MouseEvent.Button.LEFT && held.clicks < 3
                && m.tsUs() - held.lastPressTsUs <= Thresholds.MULTI_CLICK_INTERVAL_US
                && Thresholds.within(held.x, held.y, m.x(), m.y(), Thresholds.MULTI_CLICK_MAX_DISTANCE_PX);
        if (!continuation) {
            flushHeld(out);
        }
        press = new Pending(Pending.Kind.PRESS, m.tsUs(), contexts.current(), continuation ? 0 : takeGap(),
                m.button(), m.x(), m.y());
        press.continuation = continuation;
        press.add(m.eventId(), m.tsUs());
    }

    private void release(int x, int y, Consumer<Step> out) {
        Pending p = press;
        press = null;
        if (Thresholds.isDrag(p.x, p.y, x, y)) {
            if (p.continuation) {
                flushHeld(out);
            }
            out.accept(new Step(Action.DRAG, p.tsUs, p.endTsUs, p.x, p.y, x, y, null, null, null, null,
                    p.context, List.of(), p.eventIds, p.gapBeforeUs));
            return;
        }
        if (p.continuation) {
            held.clicks++;
            held.lastPressTsUs = p.tsUs;
            p.eventIds.forEach(id -> held.eventIds.add(id));
            held.endTsUs = Math.max(held.endTsUs, p.endTsUs);
            return;
        }
        if (p.button != MouseEvent.Button.LEFT) {
            Action action = p.button == MouseEvent.Button.RIGHT ? Action.RIGHT_CLICK : Action.MIDDLE_CLICK;
            out.accept(pointerStep(action, p));
            return;
        }
        held = new Pending(Pending.Kind.CLICKS, p.tsUs, p.context, p.gapBeforeUs, MouseEvent.Button.LEFT, p.x, p.y);
        held.clicks = 1;
        p.eventIds.forEach(held.eventIds::add);
        held.endTsUs = p.endTsUs;
    }

    private void onKey(KeyEvent k, Consumer<Step> out) {
        boolean typing = held != null && held.kind == Pending.Kind.TYPING;
        if (!k.down()) {
            if (typing) {
                held.add(k.eventId(), k.tsUs());
            }
            return;
        }
        KeyClass cls = KeyClass.of(k.key());
        if (cls == KeyClass.MODIFIER || cls == KeyClass.IGNORED) {
            if (typing) {
                held.add(k.eventId(), k.tsUs());
            }
            return;
        }
        if (Modifiers.hasCommand(k.modifiers())) {
            keyStep(Action.HOTKEY, KeyClass.hotkey(k.modifiers(), k.key()), k, out);
        } else if (cls == KeyClass.PRINTABLE || (cls == KeyClass.EDITING && typing)) {
            if (!typing || !held.context.sameElement(contexts.current())) {
                if (cls == KeyClass.EDITING) { // nothing of ours to edit: the key is a step of its own
                    keyStep(Action.KEY, k.key(), k, out);
                    return;
                }
                flushAll(out);
                held = new Pending(Pending.Kind.TYPING, k.tsUs(), contexts.current(), takeGap(), null, 0, 0);
                held.text = new TextBuffer();
                held.secure = contexts.current().secure();
            }
            if (cls == KeyClass.PRINTABLE) {
                held.text.insert(k.key());
            } else {
                held.text.edit(k.key());
            }
            held.add(k.eventId(), k.tsUs());
        } else if (cls == KeyClass.NAMED && (k.modifiers() & Modifiers.SHIFT) != 0) {
            keyStep(Action.HOTKEY, KeyClass.hotkey(k.modifiers(), k.key()), k, out);
        } else {
            keyStep(Action.KEY, k.key(), k, out);
        }
    }

    private void keyStep(Action action, String keys, KeyEvent k, Consumer<Step> out) {
        flushAll(out);
        out.accept(new Step(action, k.tsUs(), k.tsUs(), null, null, null, null, null, null, null, keys,
                contexts.current(), List.of(), List.of(k.eventId()), takeGap()));
    }

    private long takeGap() {
        long gap = maxGapUs;
        maxGapUs = 0;
        return gap;
    }

    private void flushAll(Consumer<Step> out) {
        if (press != null) {
            release(pointerX, pointerY, out);
        }
        flushHeld(out);
    }

    private void flushHeld(Consumer<Step> out) {
        Pending h = held;
        if (h == null) {
            return;
        }
        held = null;
        switch (h.kind) {
            case CLICKS -> out.accept(pointerStep(
                    h.clicks >= 3 ? Action.TRIPLE_CLICK : h.clicks == 2 ? Action.DOUBLE_CLICK : Action.CLICK, h));
            case SCROLL -> out.accept(new Step(Action.SCROLL, h.tsUs, h.endTsUs, h.x, h.y, null, null, h.dx, h.dy,
                    null, null, h.context, List.of(), h.eventIds, h.gapBeforeUs));
            case TYPING -> {
                UiContext context = h.secure == h.context.secure() ? h.context : h.context.asSecure();
                out.accept(new Step(Action.TYPE, h.tsUs, h.endTsUs, null, null, null, null, null, null,
                        h.text.text(), null, context, List.of(), h.eventIds, h.gapBeforeUs));
            }
            case PRESS -> throw new IllegalStateException("a press is never held");
        }
    }

    private static Step pointerStep(Action action, Pending p) {
        return new Step(action, p.tsUs, p.endTsUs, p.x, p.y, null, null, null, null, null, null, p.context,
                List.of(), p.eventIds, p.gapBeforeUs);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(idleFlushUs);
        StateIO.writeContext(out, contexts.current());
        StateIO.writeStrings(out, List.copyOf(contexts.secureInWindow()));
        out.writeLong(lastRawTsUs);
        out.writeLong(maxGapUs);
        out.writeInt(pointerX);
        out.writeInt(pointerY);
        writePending(out, press);
        writePending(out, held);
    }

    public static ActionReducer readFrom(DataInput in) throws IOException {
        long idle = in.readLong();
        UiContext context = StateIO.readContext(in);
        ActionReducer r = new ActionReducer(idle, new ContextTracker(context, java.util.Set.copyOf(StateIO.readStrings(in))));
        r.lastRawTsUs = in.readLong();
        r.maxGapUs = in.readLong();
        r.pointerX = in.readInt();
        r.pointerY = in.readInt();
        r.press = readPending(in);
        r.held = readPending(in);
        return r;
    }

    private static void writePending(DataOutput out, Pending p) throws IOException {
        out.writeBoolean(p != null);
        if (p != null) {
            p.writeTo(out);
        }
    }

    private static Pending readPending(DataInput in) throws IOException {
        return in.readBoolean() ? Pending.readFrom(in) : null;
    }
}
