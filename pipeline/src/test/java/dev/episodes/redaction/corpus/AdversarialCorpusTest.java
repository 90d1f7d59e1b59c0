package dev.episodes.redaction.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.redaction.TextRedactor;
import dev.episodes.redaction.UrlRedactor;
import dev.episodes.redaction.detect.Folded;
import dev.episodes.writing.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The adversarial corpus through the text and URL redactors: every labelled secret must be gone in
 * every form (raw, after NFKC and digit folding, digits only, and each half of it, so nothing is left
 * cut in two), and every look-alike must survive. Writes {@code target/redaction-report.json}: recall
 * per class, the look-alikes kept, precision, and what is knowingly not detected.
 */
class AdversarialCorpusTest {
    /** Phone numbers are read in four regions here: more regions, more look-alikes at risk. */
    static final String REGIONS = "US,DE,GB,FR";
    private static final TextRedactor TEXT = TextRedactor.standard(REGIONS);
    private static final UrlRedactor URL = new UrlRedactor(TEXT);
    private static final Map<String, Map<String, Object>> REPORT = new TreeMap<>();
    private static final Map<String, Object> HELD_OUT = new LinkedHashMap<>();

    @Test
    void cardsInEverySeparatorAndDigitScript() {
        assertNoLeaks(AdversarialCorpus.cards());
    }

    @Test
    void ibansWithDashesNoBreakSpacesAndFullWidth() {
        assertNoLeaks(AdversarialCorpus.ibans());
    }

    @Test
    void ssnsWithAnySeparatorAndLabelledWithout() {
        assertNoLeaks(AdversarialCorpus.ssns());
    }

    @Test
    void emailsInternationalQuotedAndFullWidth() {
        assertNoLeaks(AdversarialCorpus.emails());
    }

    @Test
    void phonesInTheNationalFormatsOfTheConfiguredRegions() {
        assertNoLeaks(AdversarialCorpus.phones());
    }

    @Test
    void privateKeysFromBeginToEndTypedShownOrCutOff() {
        assertNoLeaks(AdversarialCorpus.privateKeys());
    }

    @Test
    void credentialsOnCommandLinesAndInHeaders() {
        assertNoLeaks(AdversarialCorpus.commandLines());
    }

    @Test
    void passwordsLabelledInTextInNineLanguages() {
        assertNoLeaks(AdversarialCorpus.passwordsInText());
    }

    @Test
    void urlCredentialsTokensAndSignaturesReplacedWhole() {
        assertNoLeaks(AdversarialCorpus.urls());
    }

    @Test
    void lookAlikesSurvive() {
        List<String> altered = new ArrayList<>();
        Map<String, int[]> byKind = new TreeMap<>(); // kind -> {cases, altered}
        for (Labelled l : AdversarialCorpus.lookAlikes()) {
            String out = redact(l);
            int[] counts = byKind.computeIfAbsent(l.kind(), k -> new int[2]);
            counts[0]++;
            if (!out.equals(l.expected())) {
                counts[1]++;
                altered.add(l.kind() + ": " + l.input() + " -> " + out);
            }
        }
        byKind.forEach((kind, c) -> REPORT.put("look_alike_" + kind, Map.of("cases", c[0], "altered", c[1],
                "kept", (c[0] - c[1]) / (double) c[0])));
        assertEquals(List.of(), altered, "look-alikes must survive unchanged");
    }

    @Test
    void heldOutCorpusIsMeasured() {
        int leaked = 0;
        List<String> leaks = new ArrayList<>();
        for (Labelled l : HeldOutCorpus.positives()) {
            String why = leak(l, redact(l));
            if (why != null) {
                leaked++;
                leaks.add(why);
            }
        }
        int altered = 0;
        List<String> changed = new ArrayList<>();
        for (Labelled l : HeldOutCorpus.lookAlikes()) {
            String out = redact(l);
            String expected = l.expected() == null ? l.input() : l.expected();
            if (!out.equals(expected)) {
                altered++;
                changed.add(l.input() + " -> " + out);
            }
        }
        int positives = HeldOutCorpus.positives().size();
        int lookAlikes = HeldOutCorpus.lookAlikes().size();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("positives", positives);
        entry.put("leaked", leaked);
        entry.put("recall", (positives - leaked) / (double) positives);
        entry.put("look_alikes", lookAlikes);
        entry.put("look_alikes_altered", altered);
        entry.put("precision", (positives - leaked) / (double) (positives - leaked + altered));
        entry.put("leaks", leaks);
        entry.put("altered", changed);
        HELD_OUT.putAll(entry);
    }

    @Test
    void knownLimitsAreMeasured() {
        for (Labelled l : AdversarialCorpus.notDetected()) {
            Map<String, Object> entry = REPORT.computeIfAbsent("not_detected_" + l.kind(),
                    k -> new LinkedHashMap<>(Map.of("cases", 0, "found", 0)));
            entry.put("cases", (int) entry.get("cases") + 1);
            if (leak(l, redact(l)) == null) {
                entry.put("found", (int) entry.get("found") + 1);
            }
        }
    }

    private static void assertNoLeaks(List<Labelled> corpus) {
        List<String> leaks = new ArrayList<>();
        for (Labelled l : corpus) {
            String why = leak(l, redact(l));
            if (why != null) {
                leaks.add(why);
            }
        }
        String kind = corpus.get(0).kind();
        REPORT.put("recall_" + kind, Map.of("cases", corpus.size(), "leaked", leaks.size(),
                "recall", (corpus.size() - leaks.size()) / (double) corpus.size()));
        assertEquals(List.of(), leaks, kind + ": recall must be 100% on the adversarial corpus");
    }

    static String redact(Labelled l) {
        return l.field().equals("url") ? URL.redact(l.input()).text() : TEXT.redact("text", l.input()).text();
    }

    /** Why the output leaks a secret of {@code l}, or null when nothing of it is left. */
    static String leak(Labelled l, String out) {
        String foldedOut = Folded.fold(out);
        String rest = Folded.fold(l.input());
        for (String s : l.secrets()) {
            rest = rest.replace(Folded.fold(s), "\u0000");
        }
        for (String secret : l.secrets()) {
            String core = Folded.fold(secret);
            if (out.contains(secret) || foldedOut.contains(core)) {
                return l.kind() + " whole: " + show(l.input()) + " -> " + show(out);
            }
            String digits = digits(core);
            if (digits.length() >= 9 && digits.length() * 2 >= core.replace(" ", "").length()
                    && digits(foldedOut).contains(digits)) {
                return l.kind() + " digits: " + show(l.input()) + " -> " + show(out);
            }
            if (core.length() >= 10) {
                String head = core.substring(0, core.length() / 2);
                String tail = core.substring(core.length() / 2);
                if ((foldedOut.contains(head) && !rest.contains(head)) || (foldedOut.contains(tail) && !rest.contains(tail))) {
                    return l.kind() + " half: " + show(l.input()) + " -> " + show(out);
                }
            }
        }
        return null;
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                sb.append(s.charAt(i));
            }
        }
        return sb.toString();
    }

    private static String show(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 32 || (c >= 0x2000 && c <= 0x206F) || c == 0xA0 ? String.format("\\u%04X", (int) c) : c);
        }
        return sb.toString();
    }

    @AfterAll
    static void writeReport() throws Exception {
        long positives = 0;
        long leaked = 0;
        long lookAlikes = 0;
        long altered = 0;
        for (Map.Entry<String, Map<String, Object>> e : REPORT.entrySet()) {
            if (e.getKey().startsWith("recall_")) {
                positives += (int) e.getValue().get("cases");
                leaked += (int) e.getValue().get("leaked");
            } else if (e.getKey().startsWith("look_alike_")) {
                lookAlikes += (int) e.getValue().get("cases");
                altered += (int) e.getValue().get("altered");
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("corpus", "hand-written adversarial corpus (AdversarialCorpus), phone regions " + REGIONS);
        report.put("positives", positives);
        report.put("leaked", leaked);
        report.put("recall", positives == 0 ? 0 : (positives - leaked) / (double) positives);
        report.put("look_alikes", lookAlikes);
        report.put("look_alikes_altered", altered);
        long found = positives - leaked;
        report.put("precision", found + altered == 0 ? 0 : found / (double) (found + altered));
        report.put("classes", REPORT);
        report.put("held_out", HELD_OUT);
        Path out = Path.of("target", "redaction-report.json");
        Files.createDirectories(out.getParent());
        Json.writeAtomically(out.toAbsolutePath(), report);
    }
}
