package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.testing.Desk;
import dev.episodes.testing.Desk.Layout;
import dev.episodes.testing.Timeline;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, items 2-4: secrets typed on ordinary working days, not by our generator, in apps, languages,
 * keyboards and timings it never produces. No planted secret, nor any four characters of it in a row,
 * survives in any output field or in the sequence of what single steps carry (keys of hotkeys, names of
 * clicked buttons). Look-alikes that are not secrets survive as typed.
 */
class SecretInputsCorpusTest {

    // ---- item 2: fields that take a secret without the platform's flag

    static Stream<Arguments> labelledFields() {
        return Stream.of(
                Arguments.of("Google Chrome", "Sign in - Acme", "https://id.acme.example/login", "textbox", "Password"),
                Arguments.of("Safari", "Bank", "https://bank.example/auth", "textbox", "Enter your PIN"),
                Arguments.of("Firefox", "Anmelden", "https://konto.example.de/", "textbox", "Kennwort"),
                Arguments.of("Firefox", "Anmelden", "https://konto.example.de/", "textbox", "Einmalpasswort eingeben"),
                Arguments.of("Microsoft Edge", "Connexion", "https://compte.example.fr/", "textbox", "Mot de passe"),
                Arguments.of("Google Chrome", "Acceso", "https://banco.example.es/", "textbox", "Contraseña"),
                Arguments.of("Google Chrome", "Entrar", "https://banco.example.br/", "textbox", "Senha"),
                Arguments.of("Google Chrome", "Accedi", "https://banca.example.it/", "textbox", "Codice di sicurezza"),
                Arguments.of("Google Chrome", "Inloggen", "https://bank.example.nl/", "textbox", "Wachtwoord"),
                Arguments.of("Google Chrome", "ログイン", "https://example.jp/", "textbox", "パスワードを入力"),
                Arguments.of("Google Chrome", "登录", "https://example.cn/", "textbox", "请输入密码"),
                Arguments.of("Google Chrome", "Verify", "https://id.acme.example/", "textbox", "One-time code"),
                Arguments.of("Google Chrome", "Sign in - enter password", "https://id.acme.example/", "textbox", ""),
                Arguments.of("Google Chrome", "Acme", "https://id.acme.example/u/password?state=q", "textbox", null),
                Arguments.of("Slack", "Acme", null, "textbox", "newPasswordConfirm"),
                Arguments.of("Evolution", "Unlock keyring", null, "password text", "Unlock"));
    }

    @ParameterizedTest
    @MethodSource("labelledFields")
    void aFieldThatSaysItTakesASecretIsSecureWithoutTheFlag(String app, String title, String url, String role, String name) {
        String secret = "Qz7!vK2#pLm9";
        Timeline t = Timeline.run(Desk.start()
                .focus(app, title, url, role, name, false, 300, 400).pause(400)
                .type(secret).enter().pause(2_000)
                .focus(app, "Home", url, "document", "Home", false, 0, 0).pause(500).click(50, 50)
                .events());
        assertNoLeak(t, secret);
        assertEquals(1, count(t, "[PASSWORD]"), "one [PASSWORD] step for the visit");
    }

    @Test
    void aShowPasswordToggleThatMovesTheFieldKeepsItSecure() {
        String secret = "Tr0ub4dor&3";
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Your secret", true, 300, 400)
                .type("abcd")
                .focus("Google Chrome", "Sign in", "https://id.example/", "button", "Show", false, 630, 402)
                .click(640, 410)
                // shown now: the platform's flag is off and the field is two pixels lower
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Your secret", false, 300, 402)
                .key("a", "KeyA", dev.episodes.event.Modifiers.CTRL).type(secret).enter()
                .events());
        assertNoLeak(t, secret);
        assertNoLeak(t, "abcd");
    }

    /** Terminals and remote desktops: the line after a prompting command is a password; the command stays. */
    static Stream<Arguments> terminalPrompts() {
        return Stream.of(
                Arguments.of("iTerm2", "sudo apt upgrade", List.of("hvnt3r2-Wq9x")),
                Arguments.of("Terminal", "ssh deploy@10.0.4.7", List.of("s3cr3t-Ssh-pw")),
                Arguments.of("gnome-terminal-server", "scp build.tgz ops@bastion:/tmp", List.of("pw4Scp!zz")),
                Arguments.of("Windows Terminal", "mysql -u root -p", List.of("MyS9l#r00t")),
                Arguments.of("Konsole", "sudo -u postgres psql -W", List.of("Sudo#Pw11", "Pg@Pass22")),
                Arguments.of("xterm", "passwd", List.of("Old#Pass1", "New#Pass2", "New#Pass2")),
                Arguments.of("PowerShell", "docker login registry.acme.example", List.of("jd0ek", "dckr_pat_Zx81q")),
                Arguments.of("Alacritty", "git push origin main", List.of("jd0ek", "ghp_tok3nXyz")),
                Arguments.of("kitty", "read -s -p 'Token: ' TOKEN", List.of("tok-ReadS-77")),
                Arguments.of("WezTerm", "kinit jdoe@ACME.EXAMPLE", List.of("Kerb3ros!pw")),
                Arguments.of("PuTTY", "su -", List.of("R00t#Putty")),
                Arguments.of("Microsoft Remote Desktop", "sudo systemctl restart nginx", List.of("Rdp#Sudo9")),
                Arguments.of("Alacritty", "cd /srv && sudo make install", List.of("Make#Sudo3")),
                Arguments.of("gnome-terminal-server", "gpg --decrypt backup.tar.gpg > backup.tar", List.of("correct mule battery 42")));
    }

    @ParameterizedTest
    @MethodSource("terminalPrompts")
    void theLinesAfterACommandThatPromptsForASecretArePasswords(String app, String command, List<String> answers) {
        Desk d = Desk.start().focus(app, "jdoe@host: ~", null, "textbox", "shell", false, 0, 0).pause(300)
                .type(command).enter().pause(900);
        for (String a : answers) {
            d.type(a).enter().pause(700);
        }
        d.type("ls").enter();
        Timeline t = Timeline.run(d.events());
        for (String a : answers) {
            assertNoLeak(t, a);
        }
        assertTrue(t.texts().contains(command) || t.texts().stream().anyMatch(x -> x.startsWith(command.substring(0, 4))),
                "the command stays as typed: " + t.texts());
        assertEquals("ls", t.texts().get(t.texts().size() - 1), "the line after the answers is a command again");
    }

    @Test
    void vsCodesIntegratedTerminalIsATerminal() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Code", "main.py - api", null, "textbox", "Terminal 1, zsh", false, 0, 900)
                .type("sudo systemctl stop api").enter().pause(800).type("Vsc0de#Sudo").enter().events());
        assertNoLeak(t, "Vsc0de#Sudo");
        assertEquals("sudo systemctl stop api", t.texts().get(0));
    }

    @Test
    void aLineTypedInAnotherTerminalAppWhileAPromptWaitsDoesNotAnswerIt() {
        Timeline t = Timeline.run(Desk.start()
                .focus("iTerm2", "prod", null, "textbox", "shell", false, 0, 0)
                .type("ssh admin@db1").enter().pause(500)
                .focus("Code", "app.py", null, "textbox", "Terminal 1, bash", false, 0, 900)
                .type("pytest -q").enter().pause(3_500)
                .focus("iTerm2", "prod", null, "textbox", "shell", false, 0, 0)
                .type("Db1#Adm1n").enter().events());
        assertNoLeak(t, "Db1#Adm1n");
    }

    @Test
    void aCommandRecalledFromHistoryIsUnknownSoTheNextLineIsTakenAsASecret() {
        Timeline t = Timeline.run(Desk.start()
                .focus("iTerm2", "zsh", null, "textbox", "shell", false, 0, 0)
                .key("ArrowUp", "ArrowUp", 0).enter().pause(600).type("Hist0ry#Pw").enter().events());
        assertNoLeak(t, "Hist0ry#Pw");
    }

    @Test
    void aPinOnAnOnScreenKeypadIsOnePasswordStepWithNoDigitInElementNames() {
        Desk d = Desk.start().focus("Citrix Workspace", "Bank - Authorise", "https://bank.example/authorise", "textbox",
                "PIN entry", false, 200, 200);
        String pin = "1984";
        int x = 500;
        for (char digit : pin.toCharArray()) {
            d.click(x, 600); // the button's focus arrives 30 ms after its press: pairing is one button late
            d.focusAt(d.now() - 570, "Citrix Workspace", "Bank - Authorise", "https://bank.example/authorise", "button",
                    String.valueOf(digit), false);
            x += 60;
        }
        d.click(800, 700);
        d.focusAt(d.now() - 570, "Citrix Workspace", "Bank - Authorise", "https://bank.example/authorise", "button", "OK", false);
        d.pause(1_000).click(10, 10);
        Timeline t = Timeline.run(d.events());
        assertNoLeak(t, pin);
        assertEquals(1, count(t, "[PASSWORD]"));
        for (Step s : t.steps()) {
            String name = s.context().elementName();
            assertFalse(name != null && name.matches("\\d"), "a digit in element_name: " + name);
        }
    }

    @Test
    void keypadButtonsNamedAsDigitsInAnyScriptArePinsToo() {
        Desk d = Desk.start().focus("Mobile Banking", "Confirm", null, "dialog", "Confirm transfer", false, 0, 0);
        String[] names = {"Digit 7", "Digit 3", "٥", "Taste 1", "2 ABC"};
        for (String n : names) {
            d.focus("Mobile Banking", "Confirm", null, "button", n, false, 10, 10).click(10, 10);
        }
        d.focus("Mobile Banking", "Confirm", null, "button", "Confirm", false, 90, 90).click(90, 90);
        Timeline t = Timeline.run(d.events());
        assertEquals(1, count(t, "[PASSWORD]"));
        assertTrue(t.steps().stream().noneMatch(s -> String.valueOf(s.context().elementName()).matches(".*\\p{Nd}.*")),
                t.steps().toString());
    }

    // ---- item 3: late focus, whatever comes between

    @Test
    void keysBeforeTheSameFieldTurnsSecureArePartOfTheSecretAcrossEnter() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Unlock", "https://vault.example/", "textbox", "Unlock", false, 100, 100)
                .pause(3_500).type("Gr8x").enter()
                // the same element, now flagged secure, 0.8 s after its keys and Enter
                .focusAt(3_500 + 1_300, "Google Chrome", "Unlock", "https://vault.example/", "textbox", "Unlock", true)
                .pause(2_000).click(400, 400).events());
        assertNoLeak(t, "Gr8x");
    }

    @Test
    void aPinSubmittedWithEnterWithinASecondBeforeTheSecureFocusIsStamped() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Bank", "https://bank.example/", "textbox", "Customer number", false, 100, 100)
                .pause(3_500)
                .type("4821").enter()                                            // 0.55 s of keys and Enter
                .focusAt(3_500 + 900, "Google Chrome", "Bank", "https://bank.example/", "textbox", "Card PIN", true)
                .pause(2_000).click(400, 400).events());
        assertNoLeak(t, "4821");
        assertFalse(t.steps().stream().anyMatch(s -> s.action() == Action.KEY), "the Enter was part of the PIN");
    }

    @Test
    void keysBeforeTheSecureFocusArePartOfTheSecretAcrossTabAndAClick() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Firefox", "Login", "https://intranet.example/", "textbox", "User", false, 100, 100)
                .type("Zk4q").tab().click(300, 300).type("w9Lp")
                .focusAt(1_600, "Firefox", "Login", "https://intranet.example/", "textbox", "Secret", true)
                .pause(200).type("Xa7").enter().events());
        assertNoLeak(t, "Zk4q");
        assertNoLeak(t, "w9Lp");
        assertEquals(1, count(t, "[PASSWORD]"));
    }

    @Test
    void theLateFocusIntervalIsConfigured() {
        SecretInputs five = SecretInputs.parse("[late-focus]\n5s\n");
        RedactionPolicy policy = new RedactionPolicy(RedactionPolicy.DEFAULT_DENIED_APPS,
                RedactionPolicy.DEFAULT_DENIED_URLS, "US", five);
        List<dev.episodes.event.RawEvent> events = Desk.start()
                .focus("Firefox", "Login", "https://intranet.example/", "textbox", "User", false, 100, 100)
                .type("Q8mz").enter()
                .focusAt(4_500, "Firefox", "Login", "https://intranet.example/", "textbox", "Secret", true)
                .pause(4_500).type("x").enter().events();
        assertNoLeak(Timeline.run(events, policy), "Q8mz");
        assertTrue(Timeline.run(events).texts().contains("Q8mz"), "4 s earlier: 3 s by default");
    }

    @Test
    void theTailOfAPasswordTypedJustAfterFocusMovedOnIsPartOfIt() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Password", true, 100, 100)
                .type("Sommer20")
                .focus("Google Chrome", "Sign in", "https://id.example/", "button", "Sign in", false, 100, 160)
                .type("26!").enter().events());
        assertNoLeak(t, "Sommer2026!");
        assertFalse(t.texts().stream().anyMatch(x -> x.contains("26")), t.texts().toString());
    }

    // ---- item 4: produced characters are text; inside a secure field one step

    static Stream<Arguments> keyboards() {
        return Stream.of(
                Arguments.of(Layout.QWERTZ_WINDOWS, "Pa{ss}€W@rd\\7"),
                Arguments.of(Layout.AZERTY_WINDOWS, "mot#2passe@{x}"),
                Arguments.of(Layout.NORDIC_WINDOWS, "L£s€n[o]rd@9"),
                Arguments.of(Layout.US_MAC_OPTION, "π∑ßword©™42"));
    }

    @ParameterizedTest
    @MethodSource("keyboards")
    void aPasswordWithAltGrOrOptionCharactersIsOneStepWithNoHotkeys(Layout layout, String secret) {
        Timeline t = Timeline.run(Desk.start().layout(layout)
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "Kennwort", true, 100, 100)
                .type(secret).enter().pause(1_000).click(5, 5).events());
        assertNoLeak(t, secret);
        assertEquals(1, count(t, "[PASSWORD]"));
        assertTrue(t.steps().stream().noneMatch(s -> s.action() == Action.HOTKEY), "no hotkey: " + t.steps());
    }

    @ParameterizedTest
    @MethodSource("keyboards")
    void charactersFromAltGrOrOptionAreTypedText(Layout layout, String ignored) {
        String typed = switch (layout) {
            case QWERTZ_WINDOWS, AZERTY_WINDOWS, NORDIC_WINDOWS -> "jane.roe@example.org";
            default -> "π ≈ 3.14";
        };
        Timeline t = Timeline.run(Desk.start().layout(layout)
                .focus("Outlook", "New message", null, "textbox", "To", false, 100, 100)
                .type(typed).tab().events());
        assertTrue(t.steps().stream().noneMatch(s -> s.action() == Action.HOTKEY), "no hotkey: " + t.steps());
        if (typed.contains("@")) {
            assertEquals("[EMAIL]", t.texts().get(0), "the email is seen whole");
        } else {
            assertEquals(typed, t.texts().get(0));
        }
    }

    @Test
    void multiCodePointKeyValuesAreText() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Slack", "#es", null, "textbox", "Message", false, 100, 100)
                .type("El ni").key("n\u0303", "KeyN", 0).type("o ").key("👍🏽", "Unidentified", 0).enter().events());
        assertEquals(List.of("El nin\u0303o 👍🏽"), t.texts());
        assertEquals(List.of("type", "key"), t.steps().stream().map(s -> s.action().wire()).toList());
    }

    @Test
    void insideASecureFieldNothingButOnePasswordStepComesOut() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Google Chrome", "Sign in", "https://id.example/", "textbox", "pw", true, 100, 100)
                .type("abc").key("v", "KeyV", dev.episodes.event.Modifiers.CTRL).key("Backspace", "Backspace", 0)
                .key("ArrowLeft", "ArrowLeft", 0).key("Escape", "Escape", 0).key("F5", "F5", 0)
                .key("ArrowUp", "ArrowUp", 0).type("Zx9").enter().pause(1_000).click(1, 1).events());
        List<String> actions = t.steps().stream().map(s -> s.action().wire()).toList();
        assertEquals(List.of("type", "click"), actions);
        assertEquals("[PASSWORD]", t.steps().get(0).text());
        assertEquals(t.steps().get(0).tsUs(), t.steps().get(0).endTsUs());
    }

    // ---- look-alikes that must survive

    @Test
    void lookAlikesSurvive() {
        Timeline t = Timeline.run(Desk.start()
                .focus("Slack", "#it-help", null, "textbox", "Message #it-help", false, 100, 900)
                .type("what is the wifi password?").enter().pause(4_000)
                .focus("Slack", "#it-help", null, "button", "Pin to channel", false, 500, 100).click(500, 100).pause(4_000)
                .focus("iTerm2", "zsh", null, "textbox", "shell", false, 0, 0)
                .type("ls -p").enter().pause(500).type("git status").enter().pause(500)
                .type("echo sudo is needed").enter().pause(500).type("man ssh").enter().pause(500)
                .type("whoami").enter().pause(500)
                .key("c", "KeyC", dev.episodes.event.Modifiers.CTRL)
                .focus("Google Docs", "Password policy - Google Docs", "https://docs.example/d/1", "document", "Body",
                        false, 0, 0).pause(4_000)
                .type("Rotate keys yearly").key("v", "KeyV", dev.episodes.event.Modifiers.CTRL)
                .layout(Layout.AZERTY_WINDOWS).key("a", "KeyQ", dev.episodes.event.Modifiers.CTRL)
                .key("T", "KeyT", dev.episodes.event.Modifiers.CTRL | dev.episodes.event.Modifiers.SHIFT)
                .focus("Google Chrome", "Results", "https://shop.example/search?page=1", "button", "2", false, 10, 10)
                .click(10, 10).pause(5_000)
                .enter().events());
        assertEquals(List.of("what is the wifi password?", "ls -p", "git status", "echo sudo is needed", "man ssh",
                "whoami", "Rotate keys yearly"), t.texts());
        assertEquals(List.of("ctrl+c", "ctrl+v", "ctrl+a", "ctrl+shift+t"), t.steps().stream()
                .filter(s -> s.action() == Action.HOTKEY).map(Step::keys).toList());
        assertEquals(7, t.steps().stream().filter(s -> s.action() == Action.KEY && "Enter".equals(s.keys())).count(),
                "Enter is a key step outside secure fields");
        assertTrue(t.steps().stream().anyMatch(s -> "2".equals(s.context().elementName())), "one page button is a click");
        assertEquals(0, count(t, "[PASSWORD]"));
    }

    // ---- helpers

    private static long count(Timeline t, String text) {
        return t.steps().stream().filter(s -> text.equals(s.text())).count();
    }

    /** Every string of every step and episode, and the sequence of what single steps carry. */
    static void assertNoLeak(Timeline t, String secret) {
        StringBuilder all = new StringBuilder();
        StringBuilder trail = new StringBuilder();
        for (Episode e : t.episodes) {
            all.append(String.join("\n", e.apps())).append('\n');
        }
        for (Step s : t.steps()) {
            var c = s.context();
            for (String f : new String[] {s.text(), s.keys(), c.app(), c.windowTitle(), c.url(), c.elementRole(),
                    c.elementName(), c.screenshotRef()}) {
                if (f != null) {
                    all.append(f).append('\n');
                }
            }
            if (s.text() != null) {
                trail.append(s.text());
            } else if (s.keys() != null) {
                trail.append(s.keys().substring(s.keys().lastIndexOf('+') + 1));
            } else if (c.elementName() != null) {
                trail.append(c.elementName());
            }
        }
        int n = Math.min(4, secret.length());
        for (int i = 0; i + n <= secret.length(); i++) {
            String part = secret.substring(i, i + n);
            assertFalse(all.toString().contains(part), "'" + part + "' of the secret survives in\n" + all);
            assertFalse(trail.toString().contains(part), "'" + part + "' of the secret survives in " + trail);
        }
    }
}
