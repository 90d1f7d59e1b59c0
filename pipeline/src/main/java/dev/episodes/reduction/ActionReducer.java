package dev.episodes.reduction;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.pairing.ContextTracker;
import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.SecretInputs;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reduces one device's raw events, fed in event-time order, to steps of the action space, each paired
 * with the UI context at its first event. A pure state machine: the steps it emits depend only on the
 * ordered events, never on when time advances between them, because {@link #accept} applies the same
 * expiry rules {@link #advanceTo} does. Steps come out in the order they began.
 *
 * <p>Secrets: inside a secure field (the platform's flag, a field {@link SecretInputs} recognises, or the
 * line typed into a terminal after a command that prompts for a secret) every key press of the visit
 * belongs to its one typing step, hotkeys, Enter and Tab included (Enter and Tab end the visit). Steps made
 * of keys are held back for the late-focus interval: when a secure focus follows within it, they were
 * typed into that field (recorders stamp focus late) and join its step, whatever came between.
 */
public final class ActionReducer {
    private static final long NO_TIME = Long.MIN_VALUE;
    /** State layout marker: layouts before it began with the (positive) idle flush interval. */
    private static final long STATE_V2 = -2;
    /** V2 without the idle interval: configuration is the job's, not state's. */
    private static final long STATE_V3 = -3;
    /** Terminal hotkeys that put text on the command line the recorder never saw typed. */
    private static final java.util.Set<String> LINE_REPLACING = java.util.Set.of("ctrl+r", "ctrl+s", "ctrl+v",
            "ctrl+shift+v", "meta+v", "shift+insert", "ctrl+y", "alt+.", "alt+_", "ctrl+insert", "meta+shift+v");

    private long idleFlushUs; // configuration (the session gap), bound by the job: not written with the state
    private final ContextTracker contexts;
    private SecretInputs secrets = SecretInputs.standard(); // configuration, not state
    private long lastRawTsUs = NO_TIME;
    private long maxGapUs;
    private int pointerX;
    private int pointerY;
    private Pending press;
    private Pending held;
    /** Finished steps not yet released, in the order they began, each with the time it may leave. */
    private final List<Step> recent = new ArrayList<>();
    private final List<Long> recentUntilUs = new ArrayList<>();
    /** Terminal: what was typed on the current command line, whether part of it is unknown, secret lines due. */
    private final StringBuilder commandLine = new StringBuilder();
    private boolean commandUnknown;
    private int secretLines;
    /** The app whose prompt the due lines answer: lines typed in another terminal app are secret too but answer nothing. */
    private String promptApp;
    /** Focus left a secure field mid-visit (no Enter, Tab or click): keys until this time are still its tail. */
    private long secretTailUntilUs = NO_TIME;

    /** @param idleFlushUs silence after which every pending step is final (the session gap) */
    public ActionReducer(long idleFlushUs) {
        this(idleFlushUs, new ContextTracker());
    }

    private ActionReducer(long idleFlushUs, ContextTracker contexts) {
        this.idleFlushUs = idleFlushUs;
        this.contexts = contexts;
    }

    /** Restored state of the current layout has no gap until the job binds one: running without would loop. */
    private void bound() {
        if (idleFlushUs <= 0) {
            throw new IllegalStateException("the reducer's idle interval is not bound: call idleFlushUs(gap) after readFrom");
        }
    }

    /** The job's session gap (restored state carries none). */
    public void idleFlushUs(long us) {
        this.idleFlushUs = us;
    }

    /** Time of the latest raw event seen, or {@link Long#MIN_VALUE} before any. */
    public long lastRawTsUs() {
        return lastRawTsUs;
    }

    public boolean hasPending() {
        return press != null || held != null || !recent.isEmpty();
    }

    public void accept(RawEvent event, Consumer<Step> out) {
        accept(event, SecretInputs.standard(), out);
    }

    /** Accepts the next event, recognising secret-taking inputs by {@code secrets}. */
    public void accept(RawEvent event, SecretInputs secrets, Consumer<Step> out) {
        bound();
        this.secrets = secrets;
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
        release(ts, false, out);
    }

    /** Event time has reached {@code watermarkUs}: every event at or before it has been accepted. */
    public void advanceTo(long watermarkUs, Consumer<Step> out) {
        bound();
        expire(watermarkUs, true, out);
        release(watermarkUs, true, out);
    }

    /** Input ended: whatever is pending is final. */
    public void finish(Consumer<Step> out) {
        flushAll(out);
        release(Long.MAX_VALUE, true, out);
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
        if (!recent.isEmpty() && !blocked(recent.get(0))) {
            deadline = Math.min(deadline, Math.max(recentUntilUs.get(0), lastRawTsUs));
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
            release(Long.MAX_VALUE, true, out); // the session ended: a focus after it claims nothing
        }
        release(t, inclusive, out);
    }

    /** Releases held-back steps whose late-focus interval has passed, in the order they began. */
    private void release(long t, boolean inclusive, Consumer<Step> out) {
        while (!recent.isEmpty() && passed(t, recentUntilUs.get(0), inclusive) && !blocked(recent.get(0))) {
            recentUntilUs.remove(0);
            out.accept(recent.remove(0));
        }
    }

    private static boolean isKeys(Step s) {
        return s.action() == Action.TYPE || s.action() == Action.KEY || s.action() == Action.HOTKEY;
    }

    /** A step that began after a step still being built waits for it. */
    private boolean blocked(Step s) {
        return held != null && held.tsUs <= s.tsUs() || press != null && press.tsUs <= s.tsUs();
    }

    /** Every finished step goes through here: steps of keys wait for a late secure focus, the rest keep order. */
    private void emit(Step s, Consumer<Step> out) {
        boolean keys = isKeys(s);
        if (!keys && recent.isEmpty() && !blocked(s)) {
            out.accept(s);
            return;
        }
        int at = recent.size();
        while (at > 0 && recent.get(at - 1).tsUs() > s.tsUs()) {
            at--;
        }
        recent.add(at, s);
        recentUntilUs.add(at, keys ? s.endTsUs() + secrets.lateFocusUs() : Long.MIN_VALUE);
    }

    private static boolean passed(long t, long deadline, boolean inclusive) {
        return inclusive ? t >= deadline : t > deadline;
    }

    private void onContext(ContextEvent c, Consumer<Step> out) {
        boolean wasSecure = contexts.current().secure();
        boolean elementChanged = contexts.update(c, secrets);
        UiContext now = contexts.current();
        boolean turnedSecure = now.secure() && (elementChanged || !wasSecure);
        boolean typing = held != null && held.kind == Pending.Kind.TYPING;
        if (typing && (!elementChanged || held.secure && held.context.sameField(now))) {
            held.secure |= now.secure(); // a late secure flag covers the whole visit; moved pixels do not end it
            held.add(c.eventId(), c.tsUs());
            if (turnedSecure) {
                claimLateKeys(c.tsUs(), now, out); // and the keys just before it, Enter or Tab between
            }
            return;
        }
        if (typing && held.secure && !now.secure() && secretTailUntilUs == NO_TIME) {
            // Focus moved on in the middle of typing a secret: the recorder may have stamped it before
            // the last keystrokes, so keys right after it are still the secret's tail.
            secretTailUntilUs = c.tsUs() + secrets.lateFocusUs();
            held.add(c.eventId(), c.tsUs());
            return;
        }
        if (turnedSecure) {
            claimLateKeys(c.tsUs(), now, out);
        } else if (typing) {
            flushHeld(out);
        }
    }

    /**
     * Focus reached a secure field: keys typed up to the late-focus interval before it were typed into
     * it (the recorder reported the focus late), even when Enter, Tab or a click came between. They join
     * the field's one secure step; over-redacting is the safe side.
     */
    private void claimLateKeys(long focusUs, UiContext field, Consumer<Step> out) {
        long from = focusUs - secrets.lateFocusUs();
        Pending claimed = null;
        if (held != null && held.kind == Pending.Kind.TYPING) {
            if (held.endTsUs >= from) {
                claimed = held;
                held = null;
            } else {
                flushHeld(out);
            }
        }
        boolean any = claimed != null;
        for (Step s : recent) {
            any |= isKeys(s) && s.endTsUs() >= from;
        }
        if (!any) {
            return;
        }
        flushHeld(out); // a click on the field waiting for a double click began after the keys: it waits behind them
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) {
            Step s = recent.get(i);
            if (isKeys(s) && s.endTsUs() >= from) {
                steps.add(s);
                recent.remove(i);
                recentUntilUs.remove(i);
                i--;
            }
        }
        long ts = claimed != null ? claimed.tsUs : Long.MAX_VALUE;
        long gap = claimed != null ? claimed.gapBeforeUs : 0;
        for (Step s : steps) {
            if (s.tsUs() < ts) {
                ts = s.tsUs();
                gap = s.gapBeforeUs();
            }
        }
        Pending secret = new Pending(Pending.Kind.TYPING, ts, field, gap, null, 0, 0);
        secret.secure = true;
        secret.text = new TextBuffer();
        for (Step s : steps) {
            s.eventIds().forEach(id -> secret.add(id, s.endTsUs()));
        }
        if (claimed != null) {
            for (String id : claimed.eventIds) {
                secret.add(id, claimed.endTsUs);
            }
        }
        held = secret;
        secretTailUntilUs = NO_TIME;
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
            emit(new Step(Action.DRAG, p.tsUs, p.endTsUs, p.x, p.y, x, y, null, null, null, null,
                    p.context, List.of(), p.eventIds, p.gapBeforeUs), out);
            return;
        }
        // The click this press continued may have left meanwhile (expired, or claimed behind a secure
        // visit): then the press is a click of its own.
        if (p.continuation && held != null && held.kind == Pending.Kind.CLICKS) {
            held.clicks++;
            held.lastPressTsUs = p.tsUs;
            p.eventIds.forEach(id -> held.eventIds.add(id));
            held.endTsUs = Math.max(held.endTsUs, p.endTsUs);
            return;
        }
        if (p.button != MouseEvent.Button.LEFT) {
            Action action = p.button == MouseEvent.Button.RIGHT ? Action.RIGHT_CLICK : Action.MIDDLE_CLICK;
            emit(pointerStep(action, p), out);
            return;
        }
        if (held != null) { // a secure visit claimed keys during this press: the click waits behind it
            emit(pointerStep(Action.CLICK, p), out);
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
        UiContext here = contexts.current();
        boolean terminal = secrets.isTerminal(here);
        if (typing && held.secure && (held.context.sameField(here) || k.tsUs() <= secretTailUntilUs)
                || here.secure() || terminal && secretLines > 0) {
            secretKey(k, cls, here, terminal, out);
            return;
        }
        boolean command = Modifiers.hasCommand(k.modifiers());
        if (command && KeyClass.isShortcut(k.key(), k.code(), k.modifiers())) {
            keyStep(Action.HOTKEY, KeyClass.hotkey(k.modifiers(), k.key()), k, out);
            if (terminal) {
                onTerminalHotkey(k);
            }
        } else if (cls == KeyClass.PRINTABLE || (cls == KeyClass.EDITING && typing)) {
            if (!typing || !held.context.sameElement(here)) {
                if (cls == KeyClass.EDITING) { // nothing of ours to edit: the key is a step of its own
                    keyStep(Action.KEY, k.key(), k, out);
                    return;
                }
                startTyping(k, here, false, out);
            }
            if (cls == KeyClass.PRINTABLE) {
                held.text.insert(k.key());
            } else {
                held.text.edit(k.key());
            }
            held.add(k.eventId(), k.tsUs());
        } else if (cls == KeyClass.NAMED && (k.modifiers() & Modifiers.SHIFT) != 0) {
            keyStep(Action.HOTKEY, KeyClass.hotkey(k.modifiers(), k.key()), k, out);
            if (terminal) {
                onTerminalHotkey(k);
            }
        } else {
            keyStep(Action.KEY, k.key(), k, out);
            if (terminal) {
                onTerminalKey(k.key(), here.app());
            }
        }
    }

    /** A key press inside a secure visit: part of its one step, whatever it is; Enter and Tab end the visit. */
    private void secretKey(KeyEvent k, KeyClass cls, UiContext here, boolean terminal, Consumer<Step> out) {
        boolean open = held != null && held.kind == Pending.Kind.TYPING && held.secure
                && (held.context.sameField(here) || k.tsUs() <= secretTailUntilUs);
        if (!open) {
            if (terminal && !here.secure() && secretLines > 0 && java.util.Objects.equals(promptApp, here.app())) {
                secretLines--; // this line answers the prompt
            }
            startTyping(k, here, true, out);
        }
        if (cls == KeyClass.PRINTABLE && !Modifiers.hasCommand(k.modifiers())) {
            held.text.insert(k.key());
        } else if (cls == KeyClass.EDITING) {
            held.text.edit(k.key());
        }
        held.add(k.eventId(), k.tsUs());
        boolean promptLine = terminal && !here.secure();
        if (k.key().equals("Enter") || k.key().equals("Tab") && !promptLine) {
            flushHeld(out);
        } else if (promptLine && (k.modifiers() & Modifiers.CTRL) != 0 && k.key().equalsIgnoreCase("c")) {
            flushHeld(out); // ctrl+c cancels the prompt: the lines it asked for are not coming
            secretLines = 0;
        }
    }

    private void startTyping(KeyEvent k, UiContext here, boolean secure, Consumer<Step> out) {
        flushAll(out);
        secretTailUntilUs = NO_TIME;
        held = new Pending(Pending.Kind.TYPING, k.tsUs(), here, takeGap(), null, 0, 0);
        held.text = new TextBuffer();
        held.secure = secure || here.secure();
    }

    /**
     * Enter in a terminal ends a command line: when it prompts for secrets, the next lines are. A line
     * partly unknown (recalled from history, completed, pasted) is taken as prompting: fail closed.
     */
    private void onTerminalKey(String key, String app) {
        switch (key) {
            case "Enter" -> {
                int lines = secrets.promptedLines(commandLine.toString());
                if (commandUnknown) {
                    lines = Math.max(lines, 1);
                }
                if (lines > 0) {
                    secretLines = Math.min(secretLines + lines, 9);
                    promptApp = app;
                }
                commandLine.setLength(0);
                commandUnknown = false;
            }
            case "Tab" -> commandUnknown |= commandLine.toString().isBlank() || !commandLine.toString().strip().contains(" ");
            case "ArrowUp", "ArrowDown", "PageUp", "PageDown" -> commandUnknown = true;
            default -> { }
        }
    }

    private void onTerminalHotkey(KeyEvent k) {
        String key = k.key().toLowerCase(java.util.Locale.ROOT);
        if ((k.modifiers() & Modifiers.CTRL) != 0 && (key.equals("c") || key.equals("u") || key.equals("d"))) {
            commandLine.setLength(0); // the line is gone (and a prompt answered with ctrl+c is cancelled)
            commandUnknown = false;
            if (key.equals("c")) {
                secretLines = 0;
            }
        } else if (LINE_REPLACING.contains(KeyClass.hotkey(k.modifiers(), k.key()))) {
            commandUnknown = true; // a search, a paste, a yank: the line is no longer what was typed
        }
    }

    private void keyStep(Action action, String keys, KeyEvent k, Consumer<Step> out) {
        flushAll(out);
        emit(new Step(action, k.tsUs(), k.tsUs(), null, null, null, null, null, null, null, keys,
                contexts.current(), List.of(), List.of(k.eventId()), takeGap()), out);
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
        secretTailUntilUs = NO_TIME;
        switch (h.kind) {
            case CLICKS -> emit(pointerStep(
                    h.clicks >= 3 ? Action.TRIPLE_CLICK : h.clicks == 2 ? Action.DOUBLE_CLICK : Action.CLICK, h), out);
            case SCROLL -> emit(new Step(Action.SCROLL, h.tsUs, h.endTsUs, h.x, h.y, null, null, h.dx, h.dy,
                    null, null, h.context, List.of(), h.eventIds, h.gapBeforeUs), out);
            case TYPING -> {
                UiContext context = h.secure == h.context.secure() ? h.context : h.context.asSecure();
                if (!h.secure && secrets.isTerminal(h.context)) {
                    commandLine.append(h.text.text());
                }
                emit(new Step(Action.TYPE, h.tsUs, h.endTsUs, null, null, null, null, null, null,
                        h.text.text(), null, context, List.of(), h.eventIds, h.gapBeforeUs), out);
            }
            case PRESS -> throw new IllegalStateException("a press is never held");
        }
    }

    private static Step pointerStep(Action action, Pending p) {
        return new Step(action, p.tsUs, p.endTsUs, p.x, p.y, null, null, null, null, null, null, p.context,
                List.of(), p.eventIds, p.gapBeforeUs);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeLong(STATE_V3);
        StateIO.writeContext(out, contexts.current());
        StateIO.writeStrings(out, List.copyOf(contexts.secureInWindow()));
        out.writeLong(lastRawTsUs);
        out.writeLong(maxGapUs);
        out.writeInt(pointerX);
        out.writeInt(pointerY);
        writePending(out, press);
        writePending(out, held);
        out.writeInt(recent.size());
        for (int i = 0; i < recent.size(); i++) {
            StateIO.writeStep(out, recent.get(i));
            out.writeLong(recentUntilUs.get(i));
        }
        StateIO.writeString(out, commandLine.toString());
        out.writeBoolean(commandUnknown);
        out.writeInt(secretLines);
        StateIO.writeString(out, promptApp);
        out.writeLong(secretTailUntilUs);
    }

    /**
     * Reads this layout, or the two before it (V2 carried the idle interval; V1 began with it and ended after
     * {@code held}). Whatever interval they carried is ignored: {@link #idleFlushUs(long)} binds the job's.
     */
    public static ActionReducer readFrom(DataInput in) throws IOException {
        long first = in.readLong();
        boolean v2 = first == STATE_V2 || first == STATE_V3;
        long idle = first == STATE_V2 ? in.readLong() : first == STATE_V3 ? 0L : first;
        UiContext context = StateIO.readContext(in);
        ActionReducer r = new ActionReducer(idle, new ContextTracker(context, java.util.Set.copyOf(StateIO.readStrings(in))));
        r.lastRawTsUs = in.readLong();
        r.maxGapUs = in.readLong();
        r.pointerX = in.readInt();
        r.pointerY = in.readInt();
        r.press = readPending(in);
        r.held = readPending(in);
        if (v2) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                r.recent.add(StateIO.readStep(in));
                r.recentUntilUs.add(in.readLong());
            }
            r.commandLine.append(StateIO.readString(in));
            r.commandUnknown = in.readBoolean();
            r.secretLines = in.readInt();
            r.promptApp = StateIO.readString(in);
            r.secretTailUntilUs = in.readLong();
        }
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
