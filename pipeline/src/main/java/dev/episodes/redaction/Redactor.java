package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The redaction stage's detectors and policy, for one operator instance (not state). Context strings
 * are redacted once per context: consecutive steps share the same {@link UiContext} instance, so the
 * result is remembered for the last one seen.
 */
public final class Redactor {
    private final RedactionPolicy policy;
    private final List<Pattern> deniedUrls;
    private final TextRedactor text;
    private final UrlRedactor url;
    private UiContext lastIn;
    private UiContext lastOut;
    private List<Redaction> lastMarks;

    public Redactor(RedactionPolicy policy) {
        this.policy = policy;
        this.deniedUrls = policy.deniedUrls().stream().map(Pattern::compile).toList();
        this.text = TextRedactor.standard(policy.phoneRegion());
        this.url = new UrlRedactor(text);
    }

    public TextRedactor text() {
        return text;
    }

    public SecretInputs secretInputs() {
        return policy.secretInputs();
    }

    /** Why steps in this context must be dropped entirely, or null. */
    public String denial(UiContext c) {
        return policy.denial(c.app(), c.url(), deniedUrls);
    }

    /** The step with its window title, element name and URL redacted. */
    public Step redactContext(Step step) {
        UiContext c = step.context();
        if (c != lastIn) {
            List<Redaction> marks = new ArrayList<>(0);
            TextRedactor.Result title = text.redact("window_title", c.windowTitle());
            TextRedactor.Result name = text.redact("element_name", c.elementName());
            TextRedactor.Result u = url.redact(c.url());
            marks.addAll(title.redactions());
            marks.addAll(name.redactions());
            marks.addAll(u.redactions());
            lastIn = c;
            lastMarks = List.copyOf(marks);
            lastOut = marks.isEmpty() && u.text() == null ? c : new UiContext(c.app(), title.text(), u.text(),
                    c.elementRole(), name.text(), c.screenshotRef(), c.screenW(), c.screenH(), c.secure(),
                    c.elementX(), c.elementY());
        }
        return lastOut == c ? step : step.withContext(lastOut, lastMarks);
    }
}
