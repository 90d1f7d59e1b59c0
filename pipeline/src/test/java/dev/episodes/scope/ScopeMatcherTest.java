package dev.episodes.scope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Deny families match vendors and the OS's password apps however they are spelled; allow lists keep only what they name. */
class ScopeMatcherTest {
    private static final ScopeMatcher BUILTIN = ScopePolicy.DEFAULT.matcher();

    @ParameterizedTest
    @ValueSource(strings = {"1Password 8", "1Password", "1PASSWORD 7 - Password Manager", "1password", "Bitwarden",
            "BITWARDEN", "KeePassXC", "KeePass 2", "LastPass", "Dashlane", "Keychain Access", "Passwords", "passwords",
            "Credential Manager", "Seahorse", "seahorse", "Passwords and Keys", "KWalletManager", "kwalletmanager5",
            "Keeper Password Manager", "Proton Pass", "NordPass", "Enpass", "Microsoft Authenticator",
            "１Ｐａｓｓｗｏｒｄ", "1Pass\u200bword"})
    void passwordAppsAreOutOfScopeByName(String app) {
        assertFalse(BUILTIN.inScope(app, "Vault", null), app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://1password.com/sign-in", "https://my.1password.eu/vaults", "https://my.1password.ca",
            "https://vault.bitwarden.com/#/login", "https://vault.bitwarden.eu", "https://lastpass.com/?ac=1",
            "https://app.dashlane.com", "https://keepersecurity.com/vault", "https://keeper.io/vault",
            "https://passwords.google.com/", "https://pass.proton.me/", "HTTPS://VAULT.BITWARDEN.COM/",
            "https://user@my.1password.com:443/x", "chrome-extension://nngceckbapebfimnlniiiahkandclblb/popup.html",
            "moz-extension://8a1b2c3d-0000-4000-8000-000000000000/popup/index.html",
            "safari-web-extension://ABCD/popup.html", "chrome://password-manager/passwords",
            "edge://settings/passwords", "about:logins", "https://1passwordusercontent.com/x",
            "https://files.1passwordusercontent.com/x"})
    void passwordSitesAndExtensionPopupsAreOutOfScopeByUrl(String url) {
        assertFalse(BUILTIN.inScope("Google Chrome", "New Tab", url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1Password – Personal Vault", "Bitwarden Web vault", "Keychain Access", "Passwords",
            "Google Password Manager", "Credential Manager"})
    void passwordAppsInATitleAreOutOfScope(String title) {
        assertFalse(BUILTIN.inScope("Google Chrome", title, "https://intranet.example.com/"), title);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Slack", "Google Chrome", "Microsoft Outlook", "Terminal", "Visual Studio Code",
            "IntelliJ IDEA", "Microsoft Excel", "Finder", "Bookkeeper", "Passport Photos"})
    void ordinaryAppsStayInScope(String app) {
        assertTrue(BUILTIN.inScope(app, "Quarterly report - password policy review", "https://mail.example.com/inbox"),
                app);
    }

    @Test
    void hostsAreMatchedAsHostsNotAsText() {
        // a vendor named in the query of a work page is not the vendor's site; a look-alike host is not either
        assertTrue(BUILTIN.inScope("Google Chrome", "Search", "https://www.example.com/go?to=bitwarden.com"));
        assertFalse(BUILTIN.inScope("Google Chrome", "Search", "https://bitwarden.example.com/"));
    }

    @Test
    void anAllowListKeepsOnlyWhatItNames() {
        ScopeMatcher m = ScopeFiles.allowList("Slack, Google Chrome:*.example.com").matcher();
        assertTrue(m.inScope("Slack", "general", null));
        assertTrue(m.inScope("slack", "general", null));
        assertTrue(m.inScope("Google Chrome", "Inbox", "https://mail.example.com/inbox"));
        assertFalse(m.inScope("Google Chrome", "News", "https://news.example.org/"));
        assertFalse(m.inScope("Google Chrome", "Inbox", null)); // no URL: not on the host
        assertFalse(m.inScope("Google Chrome", "Inbox", "https://mail.example.com.evil.org/"));
        assertFalse(m.inScope("Terminal", "bash", null));
        assertFalse(m.inScope(null, null, null)); // before any context: nothing is known, nothing is allowed
        // deny wins over allow
        assertFalse(m.inScope("Slack", "1Password", null));
        assertFalse(m.inScope("Google Chrome", "x", "chrome-extension://nngceckbapebfimnlniiiahkandclblb/popup.html"));
        assertFalse(ScopeFiles.allowList("1Password*,Slack").matcher().inScope("1Password 8", "Vault", null));
    }

    @Test
    void anyAppOnAHost() {
        ScopeMatcher m = ScopeFiles.allowList("*:*.example.com").matcher();
        assertTrue(m.inScope("Firefox", "Wiki", "https://wiki.example.com/page"));
        assertFalse(m.inScope("Slack", "general", null));
    }

    @Test
    void withoutBuiltinFamiliesOnlyThePolicysOwnDenyApplies() {
        ScopePolicy p = ScopeFiles.parse("""
                {"name": "lab", "builtin_deny": false, "deny": [{"app": "re:^mail"}]}""".getBytes(), "x");
        assertTrue(p.matcher().inScope("1Password 8", "Vault", null));
        assertFalse(p.matcher().inScope("Mail", "Inbox", null));
        assertTrue(p.matcher().inScope("Gmail", "Inbox", null));
    }

    @Test
    void aRuleMatchesOnlyWhenEveryFieldItNamesMatches() {
        ScopePolicy p = new ScopePolicy("t", "0", List.of(new ScopeRule(ScopeRule.patterns("Google Chrome"),
                List.of(), ScopeRule.patterns("docs.google.com", "*.example.com"), List.of())), List.of(), true, List.of());
        assertTrue(p.matcher().inScope("Google Chrome", "Doc", "https://docs.google.com/document/d/1"));
        assertFalse(p.matcher().inScope("Firefox", "Doc", "https://docs.google.com/document/d/1"));
        assertFalse(p.matcher().inScope("Google Chrome", "Doc", "https://drive.google.com/"));
    }

    @Test
    void emptyPatternsAndRulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScopePattern(" "));
        assertThrows(IllegalArgumentException.class, () -> new ScopePattern("re:(unclosed"));
        assertThrows(IllegalArgumentException.class, () -> new ScopeRule(List.of(), List.of(), List.of(), List.of()));
    }
    @Test
    void rememberedAnswersAreTheAnswersOfAFreshMatcher() {
        // Contexts that differ only in case, one space, null or a vendor's name, far more of them than the
        // memo has slots, asked again and again in an order that evicts: one matcher must answer every time
        // exactly as a new matcher does.
        List<String[]> contexts = new java.util.ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            String app = switch (i % 5) {
                case 0 -> "Bitwarden";
                case 1 -> "bitwarden ";
                case 2 -> null;
                default -> "Slack " + (i % 97);
            };
            String title = i % 7 == 0 ? null : "Report " + (i % 1_013);
            String url = i % 3 == 0 ? "https://vault.bitwarden.com/" + (i % 11) : i % 3 == 1 ? null : "https://mail.example.com/" + i;
            contexts.add(new String[] {app, title, url});
        }
        ScopeMatcher shared = ScopePolicy.DEFAULT.matcher();
        java.util.Random order = new java.util.Random(16);
        for (int n = 0; n < 30_000; n++) {
            String[] c = contexts.get(n < 6_000 ? n : order.nextInt(contexts.size()));
            boolean expected = ScopePolicy.DEFAULT.matcher().inScope(c[0], c[1], c[2]);
            if (shared.inScope(c[0], c[1], c[2]) != expected) {
                throw new AssertionError("memoized answer differs for " + java.util.Arrays.toString(c));
            }
        }
        assertFalse(shared.inScope("Bitwarden", "x", null));
        assertTrue(shared.inScope("Slack", "x", null));
        assertFalse(shared.inScope("Slack", "x", "https://vault.bitwarden.com/"));
    }
}
