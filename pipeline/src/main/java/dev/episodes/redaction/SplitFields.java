package dev.episodes.redaction;

import dev.episodes.redaction.detect.CreditCardDetector;
import dev.episodes.redaction.detect.Detector;
import dev.episodes.redaction.detect.Folded;
import dev.episodes.redaction.detect.IbanDetector;
import dev.episodes.redaction.detect.Span;
import dev.episodes.redaction.detect.SsnDetector;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A secret split across the fields of one form: a card typed as 4111 / 1111 / 1111 / 1111 with Tab
 * between, an IBAN in groups, an SSN in three boxes. Each visit alone is too short for any detector,
 * so finished visits whose text is a short group of digits (or an IBAN's leading letters and digits)
 * are held, with the Tab and click steps between them, while they stay in one window and URL and
 * follow each other within {@link #WINDOW_US}. When the run ends, the groups are checked together,
 * joined as typed and joined by spaces, with the card, IBAN and SSN detectors. Every group a secret
 * covers becomes a {@code type} step with exactly the placeholder; everything else comes out as it was,
 * in order and at its own times. A date in day / month / year boxes or a cart's quantities survive:
 * the detectors' own checksums and shapes decide.
 */
final class SplitFields {
    /** The longest pause between one group's visit and the next step of the same form. */
    static final long WINDOW_US = 30_000_000L;
    /** The longest group: card groups are 4 to 6 digits, IBAN and SSN groups 2 to 4. */
    private static final int MAX_GROUP = 6;
    private static final List<Detector> DETECTORS = List.of(new CreditCardDetector(), new IbanDetector(), new SsnDetector());
    private final List<Step> held = new ArrayList<>();
    private Step lastGroup;

    boolean isOpen() {
        return !held.isEmpty();
    }

    /** When the run ends if nothing joins it, or MAX_VALUE. */
    long deadlineUs() {
        return lastGroup == null ? Long.MAX_VALUE : lastGroup.endTsUs() + WINDOW_US;
    }

    void accept(Step step, Consumer<Step> out) {
        if (lastGroup != null) {
            boolean joins = sameForm(step) && step.tsUs() <= deadlineUs() && (isGroup(step) || isBetween(step));
            if (joins) {
                held.add(step);
                if (isGroup(step)) {
                    lastGroup = step;
                }
                return;
            }
            end(out);
        }
        if (isGroup(step)) {
            held.add(step);
            lastGroup = step;
        } else {
            out.accept(step);
        }
    }

    /** Ends the run: checks the groups together and emits every held step in order. */
    void end(Consumer<Step> out) {
        if (held.isEmpty()) {
            return;
        }
        List<Step> groups = new ArrayList<>();
        for (Step s : held) {
            if (isGroup(s)) {
                groups.add(s);
            }
        }
        Span[] covering = groups.size() < 2 ? new Span[groups.size()] : covering(groups);
        int g = 0;
        for (Step s : held) {
            if (!isGroup(s)) {
                out.accept(s);
                continue;
            }
            Span span = covering[g++];
            out.accept(span == null ? s : s.withText(span.kind().token(), s.endTsUs(),
                    List.of(new Redaction("text", span.kind().name(), span.rule() + "-split-fields"))));
        }
        held.clear();
        lastGroup = null;
    }

    /** For each group, the secret of two or more groups that covers it, or null. */
    private static Span[] covering(List<Step> groups) {
        Span[] found = new Span[groups.size()];
        for (String sep : new String[] {"", " "}) {
            StringBuilder joined = new StringBuilder();
            int[] starts = new int[groups.size()];
            for (int i = 0; i < groups.size(); i++) {
                if (i > 0) {
                    joined.append(sep);
                }
                starts[i] = joined.length();
                joined.append(compact(groups.get(i).text()));
            }
            List<Span> spans = new ArrayList<>();
            for (Detector d : DETECTORS) {
                d.find(joined.toString(), spans);
            }
            for (Span span : spans) {
                List<Integer> touched = new ArrayList<>();
                for (int i = 0; i < groups.size(); i++) {
                    int end = starts[i] + compact(groups.get(i).text()).length();
                    if (starts[i] < span.end() && span.start() < end) {
                        touched.add(i);
                    }
                }
                if (touched.size() < 2) {
                    continue; // inside one field: the visit's own detection already saw it
                }
                for (int i : touched) {
                    if (found[i] == null) {
                        found[i] = span;
                    }
                }
            }
        }
        return found;
    }

    /** A finished, unredacted visit whose text is a short group of digits, perhaps led by letters (DE89). */
    static boolean isGroup(Step s) {
        if (s.action() != Action.TYPE || s.context().secure() || !s.redactions().isEmpty() || s.text() == null) {
            return false;
        }
        String c = compact(s.text());
        if (c.isEmpty() || c.length() > MAX_GROUP) {
            return false;
        }
        int digits = 0;
        int letters = 0;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
                letters++;
            } else {
                return false;
            }
        }
        return digits > 0 && letters <= digits;
    }

    /** The text after Unicode digit folding, without the separators people type inside a group. */
    private static String compact(String text) {
        String f = Folded.fold(text);
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char ch = f.charAt(i);
            if (ch != ' ' && ch != '-' && ch != '.' && ch != '/') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Moving from one field to the next: Tab, Shift+Tab, or a click. */
    private static boolean isBetween(Step s) {
        return switch (s.action()) {
            case KEY -> "Tab".equals(s.keys());
            case HOTKEY -> "shift+tab".equalsIgnoreCase(s.keys());
            case CLICK, DOUBLE_CLICK, TRIPLE_CLICK -> true;
            default -> false;
        };
    }

    private boolean sameForm(Step s) {
        var first = held.get(0).context();
        var c = s.context();
        return Objects.equals(first.app(), c.app()) && Objects.equals(first.windowTitle(), c.windowTitle())
                && Objects.equals(first.url(), c.url());
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(held.size());
        for (Step s : held) {
            StateIO.writeStep(out, s);
        }
    }

    void clear() {
        held.clear();
        lastGroup = null;
    }

    void readFrom(DataInput in) throws IOException {
        clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            Step s = StateIO.readStep(in);
            held.add(s);
            if (isGroup(s)) {
                lastGroup = s; // derived, not stored
            }
        }
    }
}
