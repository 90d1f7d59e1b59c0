package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.testing.RawIdLeaks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A hand-written corpus (not the generator's) of the step's own ids and colleagues' ids in every form a
 * desktop shows them, in every string field: none survives, in any case or encoding; look-alikes do.
 */
class RawIdsCorpusTest {
    static final String USER = "u-1042";
    static final String DEVICE = "d-7";
    static final List<String> OWN = List.of(USER, DEVICE);
    static final List<String> COLLEAGUES = List.of("u-2001", "d-13", "U-77", "u-990001");
    static final List<String> ALL = concat(OWN, COLLEAGUES);
    static final String P_USER = "u_0123456789abcdef0123456789abcdef";
    static final String P_DEVICE = "d_fedcba9876543210fedcba9876543210";
    static final RawIds IDS = RawIds.of(IdPattern.DEFAULT, USER, P_USER, DEVICE, P_DEVICE);

    static List<String> forms(String id) {
        return RawIdLeaks.forms(id);
    }

    /** A step whose {@code field} holds {@code value}; every other field holds something harmless. */
    static Step step(String field, String value) {
        Function<String, String> v = f -> f.equals(field) ? value : null;
        UiContext c = new UiContext(or(v.apply("app"), "Slack"), or(v.apply("window_title"), "general"),
                or(v.apply("url"), "https://chat.example.com/"), or(v.apply("element_role"), "textbox"),
                or(v.apply("element_name"), "Message"), or(v.apply("screenshot_ref"), "s3://frames/1.png"),
                1920, 1080, false, 10, 10, null, null);
        return new Step(field.equals("keys") ? Action.HOTKEY : Action.TYPE, 1, 2, null, null, null, null, null, null,
                or(v.apply("text"), "hello"), v.apply("keys"), c, List.of(), List.of("e1"), 0);
    }

    // Every field that reaches the output. Not screenshot_ref: it is kept as sent for the frames stage to
    // read, and schema 1.1 writes it nowhere (RowMapperTest and the dataset leak tests hold that).
    static final List<String> FIELDS = List.of("app", "window_title", "url", "element_role", "element_name",
            "text", "keys");

    @Test
    void noIdSurvivesInAnyFormInAnyField() {
        List<String> leaks = new ArrayList<>();
        int cases = 0;
        for (String id : ALL) {
            for (String form : forms(id)) {
                for (String field : FIELDS) {
                    String planted = "see " + form + " now";
                    Step out = IDS.apply(step(field, planted));
                    String all = out.toString();
                    List<String> found = RawIdLeaks.find(all, ALL);
                    if (!found.isEmpty()) {
                        leaks.add(field + " <- " + planted + ": " + found + " in " + all);
                    }
                    cases++;
                }
            }
        }
        int survived = 0;
        for (String l : LOOK_ALIKES) {
            survived += IDS.scrub(l).equals(l) ? 1 : 0;
        }
        java.util.Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("class", "raw_ids");
        report.put("planted", cases);
        report.put("leaked", leaks.size());
        report.put("recall", (cases - leaks.size()) / (double) cases);
        report.put("look_alikes", LOOK_ALIKES.size());
        report.put("look_alikes_redacted", LOOK_ALIKES.size() - survived);
        report.put("precision_on_look_alikes", survived / (double) LOOK_ALIKES.size());
        try {
            java.nio.file.Path out = java.nio.file.Path.of("target", "raw-ids-evaluation.json");
            java.nio.file.Files.createDirectories(out.getParent());
            dev.episodes.writing.Json.writeAtomically(out.toAbsolutePath(), report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(), leaks, leaks.size() + " of " + cases + " leak");
    }

    @Test
    void theLeakFinderSeesEveryFormRaw() {
        for (String id : ALL) {
            for (String form : forms(id)) {
                assertTrue(!RawIdLeaks.find("see " + form + " now", List.of(id)).isEmpty(), form);
            }
        }
    }

    @Test
    void ownIdsBecomeTheirPseudonymsAndOthersAPlaceholder() {
        assertEquals("build " + P_USER + "-" + P_DEVICE + " for [ID]", IDS.scrub("build u-1042-d-7 for u-2001"));
        assertEquals("/home/" + P_USER + "/ and " + P_USER, IDS.scrub("/home/U_1042/ and u%2D1042"));
        assertEquals("?t=[ID]&x=1", IDS.scrub("?t=" + Base64.getEncoder().encodeToString(utf8("u-1042")) + "&x=1"));
        Step s = IDS.apply(step("app", "Terminal — d-13"));
        assertEquals("Terminal — [ID]", s.context().app());
        assertEquals(List.of(new Redaction("app", "ID", "raw_id")), s.redactions());
    }

    static final List<String> LOOK_ALIKES = List.of("make a u-turn", "d-day", "v-1.2", "a-1", "PROJ-1042",
            "menu-1", "covid-19", "hd-1080", "3d-7", "ud-1042", "u-1042x", "Settings", "Documents",
            "x264", "MTIzNDU2Nzg=", "d3b07384d113edec49eaa6238ad5ff00", "git checkout feature/login-page",
            "https://docs.example.com/guides/getting-started?page=2", "Order #10420 shipped", "Q3-2026 OKRs",
            "ctrl+shift+u", "alt+d", "s3://frames/dev-box/1764403200000.png", "Password123 is not a good one");

    @Test
    void everyIdShapeOfThePatternIsAnId() {
        assertEquals("build [ID] and [ID]", IDS.scrub("build d-70 and U_31337"), "not the person's own: a placeholder");
    }

    @Test
    void lookAlikesSurviveUnchanged() {
        for (String s : LOOK_ALIKES) {
            assertSame(s, IDS.scrub(s), s);
        }
        Step plain = step("window_title", "Release v-1.2 – PROJ-1042");
        assertSame(plain, IDS.apply(plain));
    }

    @Test
    void aConfiguredPatternNamesTheDirectorysOwnIds() {
        RawIds tickets = RawIds.of(new IdPattern("emp\\d{5}|PROJ-\\d+"), "emp00042", P_USER, "ws-12", P_DEVICE);
        assertEquals("by [ID] on [ID] for " + P_USER + " on " + P_DEVICE,
                tickets.scrub("by EMP31337 on PROJ-1042 for emp00042 on WS_12"));
        assertSame("u-2001 stays", tickets.scrub("u-2001 stays"), "the default pattern is replaced, not added to");
    }

    @Test
    void namesOfInputFilesLoseThePatternsIds() {
        RawIds names = RawIds.others(IdPattern.DEFAULT);
        assertEquals("export/[ID].jsonl", names.scrub("export/U-1042.jsonl"));
        assertEquals("2026-11-30/[ID]_[ID].jsonl.gz", names.scrub("2026-11-30/u_1042_d-7.jsonl.gz"));
        String plain = "2026-11-30/part-0001.jsonl.gz";
        assertSame(plain, names.scrub(plain));
    }

    @Test
    void aBadPatternIsRefusedWithItsReason() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IdPattern("u-(")).getMessage().contains("not a regular expression"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new IdPattern("x*")).getMessage().contains("empty"));
    }

    private static String or(String a, String b) {
        return a == null ? b : a;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
