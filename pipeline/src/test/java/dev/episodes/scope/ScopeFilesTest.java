package dev.episodes.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The policy file format, the one-line allow list, and the shipped example policy. */
class ScopeFilesTest {
    private static final Path EXAMPLE = Path.of("..", "deploy", "scope", "work-apps.json");

    @Test
    void theShippedExampleKeepsWorkAppsAndNothingElse() throws Exception {
        ScopePolicy p = ScopeFiles.load(EXAMPLE);
        assertEquals("work-apps", p.name());
        assertEquals(ScopeFiles.sha256(Files.readAllBytes(EXAMPLE)), p.sha256());
        assertFalse(p.maskRegions().isEmpty());
        ScopeMatcher m = p.matcher();
        assertTrue(m.inScope("Slack", "general - Example Corp", null));
        assertTrue(m.inScope("Microsoft Teams", "Chat", null));
        assertTrue(m.inScope("Microsoft Outlook", "Inbox", null));
        assertTrue(m.inScope("Google Chrome", "Inbox (3) - alice@example.com - Example Corp Mail",
                "https://mail.google.com/mail/u/0/#inbox"));
        assertTrue(m.inScope("Google Chrome", "PROJ-12", "https://example.atlassian.net/browse/PROJ-12"));
        assertTrue(m.inScope("Code", "main.py", null));
        assertTrue(m.inScope("Visual Studio Code", "main.py", null));
        assertTrue(m.inScope("IntelliJ IDEA", "Main.java", null));
        assertTrue(m.inScope("Microsoft Excel", "Budget.xlsx", null));
        assertTrue(m.inScope("Google Chrome", "Doc", "https://docs.google.com/document/d/1/edit"));
        assertTrue(m.inScope("Terminal", "ops@build-01: ~/deploy", null));
        assertFalse(m.inScope("Google Chrome", "YouTube", "https://www.youtube.com/"));
        assertFalse(m.inScope("Spotify", "Discover", null));
        assertFalse(m.inScope("WhatsApp", "Mum", null));
        assertFalse(m.inScope("1Password 8", "Vault", null));
        assertFalse(m.inScope("Terminal", "ops@build-01: ~ — ssh vault.internal", null)); // Terminal, with care
        assertFalse(m.inScope("Google Chrome", "Inbox - alice.home@gmail.com - Gmail",
                "https://mail.google.com/mail/u/1/#inbox"));
    }

    @Test
    void fieldsAcceptOnePatternOrAList() {
        ScopePolicy p = ScopeFiles.parse("""
                {"name": "t", "allow": [{"app": ["Slack", "Teams*"]}, {"app": "Firefox", "host": "*.corp"}],
                 "deny": [{"title": "*salary*"}]}""".getBytes(StandardCharsets.UTF_8), "fallback");
        assertEquals("t", p.name());
        assertEquals(2, p.allow().size());
        assertTrue(p.matcher().inScope("Teams (work)", "Chat", null));
        assertTrue(p.matcher().inScope("Firefox", "Wiki", "https://wiki.corp/x"));
        assertFalse(p.matcher().inScope("Slack", "Salary review", null));
    }

    @Test
    void maskRegionsAreParsedAndValidated() {
        ScopePolicy p = ScopeFiles.parse("""
                {"mask_regions": [{"name": "status bar", "anchor": "top-right", "x": 0, "y": 0, "w": 480, "h": 28},
                                  {"name": "mail preview", "app": "Microsoft Outlook", "x": 10, "y": 80, "w": 300, "h": 600}]}
                """.getBytes(StandardCharsets.UTF_8), "regions");
        assertEquals("regions", p.name());
        assertEquals(MaskRegion.Anchor.TOP_RIGHT, p.maskRegions().get(0).anchor());
        assertEquals(MaskRegion.Anchor.TOP_LEFT, p.maskRegions().get(1).anchor());
        assertEquals("Microsoft Outlook", p.maskRegions().get(1).app().source());
        assertEquals(2, p.describe().get("mask_regions"));
        assertMessage("mask_regions[0]: mask region 'a': x and y must be >= 0, w and h > 0",
                "{\"mask_regions\": [{\"name\": \"a\", \"x\": 0, \"y\": 0, \"w\": 0, \"h\": 5}]}");
        assertMessage("mask_regions[0]: mask region anchor must be top-left, top-right, bottom-left or bottom-right, "
                + "got 'middle'", "{\"mask_regions\": [{\"name\": \"a\", \"anchor\": \"middle\", \"x\": 0, \"y\": 0, "
                + "\"w\": 1, \"h\": 5}]}");
        assertMessage("mask_regions[0]: w must be a whole number",
                "{\"mask_regions\": [{\"name\": \"a\", \"x\": 0, \"y\": 0, \"w\": 1.5, \"h\": 5}]}");
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("the policy has an unknown field 'alow' (known: allow, builtin_deny, deny, description, "
                + "mask_regions, name)", "{\"alow\": []}");
        assertMessage("allow[0]: a scope rule needs at least one of app, title, host, url", "{\"allow\": [{}]}");
        assertMessage("allow[1] has an unknown field 'hosts' (known: app, host, note, title, url)",
                "{\"allow\": [{\"app\": \"Slack\"}, {\"hosts\": \"x\"}]}");
        assertMessage("deny[0]: scope pattern 're:(' is not a regular expression: Unclosed group",
                "{\"deny\": [{\"app\": \"re:(\"}]}");
        assertMessage("builtin_deny must be true or false", "{\"builtin_deny\": \"no\"}");
        assertThrows(IllegalArgumentException.class, () -> ScopeFiles.parse("[1]".getBytes(), "x"));
        assertThrows(IllegalArgumentException.class, () -> ScopeFiles.parse("{".getBytes(), "x"));
    }

    @Test
    void theAllowListLineHasItsOwnDigest() {
        ScopePolicy a = ScopeFiles.allowList("Slack,Google Chrome:*.example.com");
        ScopePolicy b = ScopeFiles.allowList("Slack");
        assertEquals("allow-list", a.name());
        assertNotEquals(a.sha256(), b.sha256());
        assertEquals(ScopeFiles.sha256("Slack".getBytes(StandardCharsets.UTF_8)), b.sha256());
        assertThrows(IllegalArgumentException.class, () -> ScopeFiles.allowList(" , "));
        assertThrows(IllegalArgumentException.class, () -> ScopeFiles.allowList("Google Chrome:"));
        assertThrows(IllegalArgumentException.class, () -> ScopeFiles.allowList(""));
    }

    private static void assertMessage(String expected, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScopeFiles.parse(json.getBytes(StandardCharsets.UTF_8), "x"));
        assertEquals(expected, e.getMessage());
    }
}
