package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.pairing.UiContext;
import org.junit.jupiter.api.Test;

class SecretInputsTest {
    private static final SecretInputs S = SecretInputs.standard();

    private static UiContext field(String app, String title, String url, String role, String name) {
        return new UiContext(app, title, url, role, name, null, null, null, false, 0, 0, null, null);
    }

    @Test
    void fieldsThatSayTheyTakeASecret() {
        assertTrue(S.takesSecret(field("Chrome", "x", null, "textbox", "PIN")));
        assertTrue(S.takesSecret(field("Chrome", "x", null, "textbox", "Zugangscode")));
        assertTrue(S.takesSecret(field("Chrome", "x", null, "textbox", "Código de verificación")));
        assertTrue(S.takesSecret(field("Chrome", "x", null, "textbox", "ＰＡＳＳＷＯＲＤ")), "full-width, after NFKC");
        assertTrue(S.takesSecret(field("Chrome", "x", "https://id.example/signin/password", "textbox", null)));
        assertTrue(S.takesSecret(field("Chrome", "x", null, "password text", "")));
        assertTrue(S.takesSecret(field("Safari", "x", null, "AXSecureTextField", null)), "the macOS role itself");
    }

    @Test
    void lookAlikesDoNot() {
        assertFalse(S.takesSecret(field("Chrome", "Sign in", null, "link", "Forgot password?")));
        assertFalse(S.takesSecret(field("Chrome", "Sign in", null, "button", "Show password")));
        assertFalse(S.takesSecret(field("Docs", "Password policy - Docs", null, "document", "Body")));
        assertFalse(S.takesSecret(field("Chrome", "Google", "https://www.google.com/search?q=reset+password",
                "combobox", "Search")));
        assertFalse(S.takesSecret(field("Slack", "#it", null, "textbox", "Message #it")));
        assertFalse(S.takesSecret(field("Slack", "#it", null, "button", "Pin to channel")));
        assertFalse(S.takesSecret(field("Chrome", "Shipping", null, "textbox", "Shipping address")), "pin inside a word");
    }

    @Test
    void commandsThatPromptAndCommandsThatDoNot() {
        assertEquals(1, S.promptedLines("sudo apt upgrade"));
        assertEquals(2, S.promptedLines("sudo -u postgres psql -W"));
        assertEquals(1, S.promptedLines("FOO=1 /usr/bin/ssh -p 2222 host"));
        assertEquals(1, S.promptedLines("make && sudo make install"));
        assertEquals(3, S.promptedLines("passwd"));
        assertEquals(1, S.promptedLines("$c = Read-Host -AsSecureString"));
        assertEquals(0, S.promptedLines("ls -p"));
        assertEquals(0, S.promptedLines("mysql -P 3306 -h db"), "-P is the port");
        assertEquals(0, S.promptedLines("echo sudo"));
        assertEquals(0, S.promptedLines("man ssh"));
        assertEquals(0, S.promptedLines("git status"));
    }

    @Test
    void theFormatIsConfigurationAndABadLineNamesItsNumber() {
        SecretInputs own = SecretInputs.parse("[words]\ncodeword\n[terminals]\nMyTerm\n[prompts]\n2 vpnc\n[late-focus]\n4500ms\n");
        assertTrue(own.takesSecret(field("X", "t", null, "textbox", "Codeword")));
        assertFalse(own.takesSecret(field("X", "t", null, "textbox", "Password")), "the default list is replaced");
        assertTrue(own.isTerminal(field("MyTerm 2", "t", null, "textbox", null)));
        assertEquals(2, own.promptedLines("vpnc office.conf"));
        assertEquals(4_500_000L, own.lateFocusUs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretInputs.parse("[prompts]\nsudo\nmysql (unclosed\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SecretInputs.parse("[late-focus]\nsoon\n"));
        assertThrows(IllegalArgumentException.class, () -> SecretInputs.parse("password\n"));
    }
    @Test
    void rememberedAnswersAreTheAnswersOfAFreshCopy() throws Exception {
        // More contexts than the memo has slots, asked again in an order that evicts; a copy that went
        // through Java serialization (as Flink ships it) starts with no memory; both must answer as the rules do.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(S);
        }
        java.util.List<UiContext> contexts = new java.util.ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String role = switch (i % 4) {
                case 0 -> "textbox";
                case 1 -> "button";
                case 2 -> null;
                default -> "password";
            };
            String name = i % 3 == 0 ? "Password" : i % 3 == 1 ? null : "Search " + (i % 101);
            String url = i % 5 == 0 ? "https://id.example/signin/password" : "https://mail.example.com/" + (i % 977);
            contexts.add(field("Chrome", "Inbox " + (i % 13), url, role, name));
        }
        SecretInputs copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SecretInputs) in.readObject();
        }
        java.util.Random order = new java.util.Random(16);
        for (int n = 0; n < 30_000; n++) {
            UiContext c = contexts.get(n < contexts.size() ? n : order.nextInt(contexts.size()));
            boolean expected = S.decideSecret(c); // the rules themselves, no memory
            assertEquals(expected, S.takesSecret(c), c.toString());
            assertEquals(expected, copy.takesSecret(c), c.toString());
        }
        assertTrue(S.takesSecret(field("Chrome", "x", null, "textbox", "Password")));
        assertFalse(S.takesSecret(field("Chrome", "x", null, "button", "Search")));
    }
}
