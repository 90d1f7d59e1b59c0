package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Step;
import dev.episodes.scope.ScopeMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The redaction stage's detectors and policy, for one operator instance (not state). Context strings
 * are redacted once per context: consecutive steps share the same {@link UiContext} instance, so the
 * result is remembered for the last one seen.
 */
public final class Redactor {
    /** The one reason out-of-scope steps are counted under: a total, never per app. */
    public static final String OUT_OF_SCOPE = "out_of_scope";
    private final RedactionPolicy policy;
    private final List<Pattern> deniedUrls;
    private final ScopeMatcher scope;
    private final TextRedactor text;
    private final UrlRedactor url;
    private UiContext deniedIn;
    private String denied;
    private UiContext lastIn;
    private Redacted last;
    /** Contexts redacted lately, by value: a keyed operator interleaves devices, and RocksDB never returns the same object. */
    private final java.util.Map<UiContext, Redacted> contexts = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<UiContext, Redacted> eldest) {
            return size() > 1024;
        }
    };

    /** {@code unchanged}: nothing to redact, the step keeps the context it has (an equal one was cached). */
    private record Redacted(UiContext out, List<Redaction> marks, boolean unchanged) {}
    // Recently used people and devices: a keyed operator interleaves many, and compiling per step would cost.
    private final java.util.Map<String, RawIds> rawIds = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, RawIds> eldest) {
            return size() > 1024;
        }
    };

    public Redactor(RedactionPolicy policy) {
        this.policy = policy;
        this.deniedUrls = policy.deniedUrls().stream().map(Pattern::compile).toList();
        this.scope = policy.scope().matcher();
        this.text = TextRedactor.standard(policy.phoneRegion());
        this.url = new UrlRedactor(text);
    }

    public TextRedactor text() {
        return text;
    }

    public SecretInputs secretInputs() {
        return policy.secretInputs();
    }

    /**
     * The raw-id scrubber of one person on one device (own ids become these pseudonyms, other ids of the
     * configured pattern {@code [ID]}); remembered for the 1024 people and devices used last, so it is
     * compiled once, not per step. The pseudonyms are a function of the ids (one key per operator).
     */
    public RawIds rawIds(String userId, String user, String deviceId, String device) {
        return rawIds.computeIfAbsent(userId + '\u0000' + deviceId,
                k -> RawIds.of(policy.idPattern(), userId, user, deviceId, device));
    }

    /** Why steps in this context must be dropped entirely (a deny-list's reason, else {@link #OUT_OF_SCOPE}), or null. */
    public String denial(UiContext c) {
        if (c != deniedIn) { // consecutive steps share their context: decide once per context
            deniedIn = c;
            String listed = policy.denial(c.app(), c.url(), deniedUrls); // the older deny-lists keep their reasons
            denied = listed != null ? listed : scope.inScope(c.app(), c.windowTitle(), c.url()) ? null : OUT_OF_SCOPE;
        }
        return denied;
    }

    /**
     * The step with every string of its context redacted (app, window title, element name and role, URL)
     * and its {@code keys}. The screenshot reference is kept as sent: the frames stage reads it, and no
     * output holds it (schema 1.1 writes {@code screenshot_ref} null).
     */
    public Step redactContext(Step step) {
        UiContext c = step.context();
        if (c != lastIn) { // consecutive steps share their context object; interleaved devices share values
            last = contexts.computeIfAbsent(c, this::redactStrings);
            lastIn = c;
        }
        Step out = last.unchanged() ? step : step.withContext(last.out(), last.marks());
        return keys(out);
    }

    private Redacted redactStrings(UiContext c) {
        List<Redaction> marks = new ArrayList<>(0);
        TextRedactor.Result app = text.redact("app", c.app());
        TextRedactor.Result title = text.redact("window_title", c.windowTitle());
        TextRedactor.Result role = text.redact("element_role", c.elementRole());
        TextRedactor.Result name = text.redact("element_name", c.elementName());
        TextRedactor.Result u = url.redact(c.url());
        marks.addAll(app.redactions());
        marks.addAll(title.redactions());
        marks.addAll(role.redactions());
        marks.addAll(name.redactions());
        marks.addAll(u.redactions());
        boolean same = marks.isEmpty() && java.util.Objects.equals(u.text(), c.url());
        return new Redacted(same ? c : c.withStrings(app.text(), title.text(), u.text(), role.text(), name.text()),
                List.copyOf(marks), same);
    }

    /** Key chords are short ("ctrl+c"); only a value long enough to hold something is scanned. */
    private Step keys(Step s) {
        String k = s.keys();
        if (k == null || k.length() < 6) {
            return s;
        }
        TextRedactor.Result r = text.redact("keys", k);
        if (r.redactions().isEmpty()) {
            return s;
        }
        return new Step(s.action(), s.tsUs(), s.endTsUs(), s.x(), s.y(), s.toX(), s.toY(), s.scrollDx(), s.scrollDy(),
                s.text(), r.text(), s.context(), concat(s.redactions(), r.redactions()), s.eventIds(), s.gapBeforeUs());
    }

    private static List<Redaction> concat(List<Redaction> a, List<Redaction> b) {
        List<Redaction> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
