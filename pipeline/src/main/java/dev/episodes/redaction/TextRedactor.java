package dev.episodes.redaction;

import dev.episodes.redaction.detect.CreditCardDetector;
import dev.episodes.redaction.detect.Detector;
import dev.episodes.redaction.detect.EmailDetector;
import dev.episodes.redaction.detect.Folded;
import dev.episodes.redaction.detect.IbanDetector;
import dev.episodes.redaction.detect.PhoneDetector;
import dev.episodes.redaction.detect.SecretDetector;
import dev.episodes.redaction.detect.Span;
import dev.episodes.redaction.detect.SsnDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every detector over a string, read after NFKC and digit folding ({@link Folded}), and replaces
 * each sensitive span of the original with its placeholder. Where spans
 * overlap, the one that starts first wins, then the longer one, then the stronger kind (the order of
 * {@link Placeholder}). Fails closed: if any detector throws, the whole string is withheld.
 */
public final class TextRedactor {
    public static final String WITHHELD = "[REDACTED]";
    private static final Comparator<Span> ORDER = Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed())
            .thenComparing(s -> s.kind().ordinal());

    private final List<Detector> detectors;

    public TextRedactor(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** The standard detectors; {@code phoneRegions} is one region or a comma-separated list ("US,DE,GB"). */
    public static TextRedactor standard(String phoneRegions) {
        return new TextRedactor(List.of(new SecretDetector(), new CreditCardDetector(), new IbanDetector(),
                new SsnDetector(), new EmailDetector(), new PhoneDetector(phoneRegions)));
    }

    /** The non-overlapping sensitive spans of a string (offsets of the original), in order; null when a detector failed. */
    public List<Span> spans(String text) {
        List<Span> found = new ArrayList<>();
        try {
            Folded folded = Folded.of(text);
            for (Detector d : detectors) {
                d.find(folded.text(), found);
            }
            if (!folded.identity()) {
                found.replaceAll(folded::original);
            }
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        if (found.size() <= 1) {
            return found;
        }
        found.sort(ORDER);
        List<Span> kept = new ArrayList<>(found.size());
        for (Span s : found) {
            if (kept.isEmpty() || !kept.get(kept.size() - 1).overlaps(s)) {
                kept.add(s);
            }
        }
        return kept;
    }

    /** A redacted string and what was redacted in it. */
    public record Result(String text, List<Redaction> redactions) {}

    public Result redact(String field, String text) {
        if (text == null || text.isEmpty()) {
            return new Result(text, List.of());
        }
        List<Span> spans = spans(text);
        if (spans == null) {
            return new Result(WITHHELD, List.of(new Redaction(field, Redaction.FAILED_CLOSED, "detector-failure")));
        }
        if (spans.isEmpty()) {
            return new Result(text, List.of());
        }
        return apply(field, text, spans);
    }

    static Result apply(String field, String text, List<Span> spans) {
        StringBuilder sb = new StringBuilder(text.length());
        List<Redaction> marks = new ArrayList<>(spans.size());
        int at = 0;
        for (Span s : spans) {
            sb.append(text, at, s.start()).append(s.kind().token());
            marks.add(new Redaction(field, s.kind().name(), s.rule()));
            at = s.end();
        }
        sb.append(text, at, text.length());
        return new Result(sb.toString(), marks);
    }
}
