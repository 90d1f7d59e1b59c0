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
}
