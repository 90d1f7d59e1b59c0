package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.detect.Span;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Holds the steps of one visit to an element until the visit ends (focus moves, a pointer action,
 * Enter or Tab, the session ends), then detects on everything typed in it at once: a card typed in two
 * pieces is one card, and a detector that only fires at the last digit still covers the first ones.
 * Hotkeys and other keys inside the visit (ctrl+s, Escape...) are held too, so order is kept.
 *
 * <p>Clicks on buttons named with single digits in a row are a PIN typed on an on-screen keypad: they
 * are held the same way and become one {@code [PASSWORD]} step, so no digit reaches {@code element_name}.
 *
 * <p>Finished visits then pass through {@link SplitFields}, which checks short digit groups typed into
 * consecutive fields of one form together (a card in four boxes).
 */
public final class TypingVisits {
    private static final Pattern DIGIT_BUTTON = Pattern.compile(
            "(?i)((digit|key|button|number|num|taste|ziffer|touche|chiffre|tecla|tasto|toets|cijfer)\\s*)?\\p{Nd}(\\s+\\p{L}{3,4})?");
    private static final Redaction KEYPAD_PIN = new Redaction("text", Placeholder.PASSWORD.name(), "keypad-pin");
    private static final Redaction KEYPAD_NAME = new Redaction("element_name", Placeholder.PASSWORD.name(), "keypad-pin");
    /** Leads the state since split fields were added; older state starts with the visit's step count (>= 0). */
    private static final int STATE_V2 = -2;
    private final List<Step> held = new ArrayList<>();
    private final SplitFields form = new SplitFields();

    /** Whether a visit or a form's run of digit groups is held. */
    public boolean isOpen() {
        return !held.isEmpty() || form.isOpen();
    }

    /** When a held form run ends by time alone (no visit open), or MAX_VALUE. */
    public long deadlineUs() {
        return held.isEmpty() ? form.deadlineUs() : Long.MAX_VALUE;
    }

    /** Ends a form run whose time is up; a visit still open may yet join it, so it waits for that. */
    public void advanceTo(long watermarkUs, Consumer<Step> out) {
        if (held.isEmpty() && watermarkUs >= form.deadlineUs()) {
            form.end(out);
        }
    }

    public void accept(Step step, TextRedactor redactor, Consumer<Step> downstream) {
        Consumer<Step> out = s -> form.accept(s, downstream);
        if (!held.isEmpty()) {
            if (continuesVisit(step)) {
                held.add(step);
                return;
            }
            boolean pin = isKeypadPin();
            endVisit(redactor, out);
            if (pin && isDigitName(step.context().elementName())) {
                step = step.withContext(withoutName(step.context()), List.of(KEYPAD_NAME)); // paired late: the last digit's button
            }
        }
        if (step.action() == Action.TYPE && !step.context().secure() || isKeypadDigit(step)) {
            held.add(step);
        } else {
            out.accept(step);
        }
    }

    private boolean continuesVisit(Step step) {
        if (isKeypadDigit(held.get(0))) {
            return isKeypadDigit(step);
        }
        if (!held.get(0).context().sameElement(step.context())) {
            return false;
        }
        return switch (step.action()) {
            case TYPE -> !step.context().secure();
            case HOTKEY -> true;
            case KEY -> !step.keys().equals("Enter") && !step.keys().equals("Tab");
            default -> false;
        };
    }

    /** Ends the visit and any form run: redacts what was typed and emits everything held, in order. */
    public void flush(TextRedactor redactor, Consumer<Step> downstream) {
        endVisit(redactor, s -> form.accept(s, downstream));
        form.end(downstream);
    }

    /** Ends the visit: redacts what was typed across its steps and emits them in order. */
    private void endVisit(TextRedactor redactor, Consumer<Step> out) {
        if (held.isEmpty()) {
            return;
        }
        if (isKeypadDigit(held.get(0))) {
            if (held.size() == 1) {
                out.accept(held.get(0)); // one digit button alone is a page number or a day, not a PIN
            } else {
                out.accept(keypadPin());
            }
            held.clear();
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (Step s : held) {
            if (s.action() == Action.TYPE) {
                joined.append(s.text());
            }
        }
        List<Span> spans = joined.length() == 0 ? List.of() : redactor.spans(joined.toString());
        int offset = 0;
        for (Step s : held) {
            if (s.action() != Action.TYPE) {
                out.accept(s);
                continue;
            }
            out.accept(spans == null ? withheld(s) : redact(s, offset, spans));
            offset += s.text().length();
        }
        held.clear();
    }

    private boolean isKeypadPin() {
        return held.size() > 1 && isKeypadDigit(held.get(0));
    }

    /** The run of digit-button clicks as one secure typing step at the first click, with no duration. */
    private Step keypadPin() {
        Step first = held.get(0);
        List<String> ids = new ArrayList<>();
        for (Step s : held) {
            ids.addAll(s.eventIds());
        }
        UiContext c = withoutName(first.context());
        return new Step(Action.TYPE, first.tsUs(), first.tsUs(), null, null, null, null, null, null,
                Placeholder.PASSWORD.token(), null, c, List.of(KEYPAD_PIN), ids, first.gapBeforeUs());
    }

    static boolean isKeypadDigit(Step s) {
        return (s.action() == Action.CLICK || s.action() == Action.DOUBLE_CLICK || s.action() == Action.TRIPLE_CLICK)
                && isDigitName(s.context().elementName());
    }

    /** A keypad button's name: one digit of any script, perhaps named as such ({@code Digit 7}) or with its phone letters ({@code 2 ABC}). */
    static boolean isDigitName(String name) {
        return name != null && DIGIT_BUTTON.matcher(name.strip()).matches();
    }

    private static UiContext withoutName(UiContext c) {
        return c.withStrings(c.app(), c.windowTitle(), c.url(), c.elementRole(), Placeholder.PASSWORD.token())
                .asSecure();
    }

    private static Step withheld(Step s) {
        return s.withText(TextRedactor.WITHHELD, s.endTsUs(),
                List.of(new Redaction("text", Redaction.FAILED_CLOSED, "detector-failure")));
    }

    /** This step's slice [offset, offset + length) of the visit's text, with the spans that touch it replaced. */
    static Step redact(Step s, int offset, List<Span> spans) {
        String text = s.text();
        int end = offset + text.length();
        StringBuilder sb = null;
        List<Redaction> marks = new ArrayList<>(0);
        int at = 0;
        for (Span span : spans) {
            if (span.end() <= offset || span.start() >= end) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            int from = Math.max(span.start(), offset) - offset;
            int to = Math.min(span.end(), end) - offset;
            sb.append(text, at, from);
            if (span.start() >= offset) { // the span begins here: the placeholder goes here, once
                sb.append(span.kind().token());
                marks.add(new Redaction("text", span.kind().name(), span.rule()));
            }
            at = to;
        }
        if (sb == null) {
            return s;
        }
        sb.append(text, at, text.length());
        return s.withText(sb.toString(), s.endTsUs(), marks);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(STATE_V2);
        out.writeInt(held.size());
        for (Step s : held) {
            StateIO.writeStep(out, s);
        }
        form.writeTo(out);
    }

    public void readFrom(DataInput in) throws IOException {
        held.clear();
        int first = in.readInt();
        boolean v2 = first == STATE_V2;
        int n = v2 ? in.readInt() : first;
        for (int i = 0; i < n; i++) {
            held.add(StateIO.readStep(in));
        }
        if (v2) {
            form.readFrom(in);
        } else {
            form.clear(); // older state held no form run
        }
    }
}
