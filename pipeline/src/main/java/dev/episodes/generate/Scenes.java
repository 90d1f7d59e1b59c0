package dev.episodes.generate;

import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import java.util.List;

/** Scenes of ordinary office work, each a few seconds to a minute of activity on one device. */
final class Scenes {
    private static final List<String> SITES = List.of("intranet.example.com", "crm.example.com",
            "wiki.example.com", "tickets.example.com");
    private static final List<String> COMMANDS = List.of("git status", "ls -la", "mvn -q verify",
            "kubectl get pods", "tail -f app.log", "grep -rn TODO src");
    private static final List<String> SENTENCES = List.of(
            "The quarterly report is attached, please review section 3 before Friday.",
            "Meeting moved to 2:30pm, room 4B.",
            "We shipped version 1.4.2 yesterday; no regressions so far.",
            "Customer asked about order 4471 and the delivery window.",
            "Thanks! I will follow up tomorrow morning.");
    private static final List<String> NAMES = List.of("Alex Morgan", "Sam Lee", "Jordan Park", "Riley Chen");

    private Scenes() {}

    static void any(DeviceScript s, Planted planted) {
        switch (s.rnd.nextInt(10)) {
            case 0 -> login(s, planted);
            case 9 -> passwordManager(s, planted);
            case 7 -> SensitiveScenes.typed(s, planted);
            case 8 -> SensitiveScenes.onScreen(s, planted);
            case 1 -> terminal(s);
            case 2 -> document(s);
            case 3 -> chat(s);
            case 4 -> browse(s);
            case 5 -> form(s);
            default -> files(s);
        }
    }

    /**
     * Sign in: an email with typos, then the password into the secure field, reached by Tab or by a
     * click, sometimes with the recorder's focus event arriving after the first keys.
     */
    static void login(DeviceScript s, Planted planted) {
        String site = pick(s, SITES);
        s.window("Google Chrome", "Sign in - " + site, "https://" + site + "/login");
        s.click(700, 400, MouseEvent.Button.LEFT);
        s.focus("textbox", "Email", false, 600, 380, 400, 40);
        s.typeSecret("EMAIL", planted.record("EMAIL", Planted.email(s.rnd)), true);
        String password = planted.record("PASSWORD", Planted.password(s.rnd));
        if (s.rnd.nextInt(3) == 0) { // late focus: keys first, the secure focus event after them
            s.click(700, 460, MouseEvent.Button.LEFT);
            s.focusUnreported("textbox", "Password", true, 600, 440, 400, 40); // the click focused it
            s.typeSecret("PASSWORD", password.substring(0, 3), false);
            s.focus("textbox", "Password", true, 600, 440, 400, 40);
            s.typeSecret("PASSWORD", password.substring(3), false);
        } else {
            s.named("Tab", 0);
            s.focus("textbox", "Password", true, 600, 440, 400, 40);
            s.typeSecret("PASSWORD", password, s.rnd.nextBoolean());
        }
        s.named("Enter", 0);
        s.pause(800, 2000);
        s.window("Google Chrome", "Dashboard - " + site, "https://" + site + "/home");
    }

    /** Looking up a login in a password manager: on the deny-list, so none of it may reach a shard. */
    static void passwordManager(DeviceScript s, Planted planted) {
        s.window("1Password", "All Vaults - 1Password", null);
        s.click(300, 120, MouseEvent.Button.LEFT);
        s.focus("searchbox", "Search", false, 200, 100, 400, 40);
        s.typeSecret("DENIED", planted.record("DENIED", "bank" + Planted.digits(s.rnd, 4)), false);
        s.click(500, 300, MouseEvent.Button.LEFT);
        s.hotkey(Modifiers.CTRL | Modifiers.SHIFT, "c");
        s.hotkey(Modifiers.ALT, "Tab");
    }

    static void terminal(DeviceScript s) {
        s.window("Terminal", "zsh - ~/src/app", null);
        s.focus("textbox", "Terminal", false, 0, 80, 1200, 800);
        for (int i = 0; i < 2 + s.rnd.nextInt(3); i++) {
            s.type(pick(s, COMMANDS), true);
            s.named("Enter", 0);
            s.pause(500, 3000);
        }
        if (s.rnd.nextBoolean()) {
            s.hotkey(Modifiers.CTRL, "c");
        }
        s.named("ArrowUp", 0);
        s.named("Enter", 0);
    }

    /** Writing with corrections: backspaces, Home/End, arrows, then save. */
    static void document(DeviceScript s) {
        s.window("Google Docs", "Project notes - Google Docs", "https://docs.example.com/d/7f3a/edit");
        s.click(900, 600, MouseEvent.Button.LEFT);
        s.focus("document", "Document content", false, 300, 200, 1400, 1000);
        s.type(pick(s, SENTENCES), true);
        for (int i = 0; i < 3; i++) {
            s.named("Backspace", 0);
        }
        s.type("ay.", false);
        s.named("Home", 0);
        s.type("Note: ", false);
        s.named("End", 0);
        s.named("ArrowLeft", 0);
        s.named("ArrowRight", 0);
        s.type(" Done", false);
        s.hotkey(Modifiers.CTRL, "s");
        s.title("Project notes - Google Docs (saved)");
    }

    static void chat(DeviceScript s) {
        s.window("Slack", "#team - Slack", null);
        s.click(800, 1000, MouseEvent.Button.LEFT);
        s.focus("textbox", "Message #team", false, 300, 980, 1200, 60);
        s.type(pick(s, SENTENCES), true);
        s.named("Enter", 0);
    }

    /** Reading: scroll bursts, a link, a double click on a word, a triple click, a context menu. */
    static void browse(DeviceScript s) {
        String site = pick(s, SITES);
        s.window("Google Chrome", "Handbook - " + site, "https://" + site + "/handbook?page=" + s.rnd.nextInt(40));
        s.moveTo(1000, 700);
        s.scroll(2 + s.rnd.nextInt(3), 100);
        s.multiClick(640, 520, 2);
        s.pause(300, 900);
        s.multiClick(700, 610, 3);
        s.pause(300, 900);
        s.hotkey(Modifiers.CTRL, "c");
        s.click(720, 640, MouseEvent.Button.RIGHT);
        s.named("Escape", 0);
        s.click(300, 250, MouseEvent.Button.LEFT);
        s.title("Article - " + site);
        s.scroll(1, -100);
    }

    static void form(DeviceScript s) {
        s.window("Google Chrome", "New ticket - tickets.example.com", "https://tickets.example.com/new");
        s.click(700, 300, MouseEvent.Button.LEFT);
        s.focus("textbox", "Summary", false, 600, 280, 600, 40);
        s.type("Printer on floor 3 is offline", true);
        s.named("Tab", 0);
        s.focus("combobox", "Priority", false, 600, 340, 200, 40);
        s.named("ArrowDown", 0);
        s.named("Enter", 0);
        s.click(700, 420, MouseEvent.Button.LEFT);
        s.focus("textbox", "Description", false, 600, 400, 600, 200);
        s.type(pick(s, SENTENCES), true);
        s.click(1100, 700, MouseEvent.Button.LEFT);
        s.focus("button", "Submit", false, 1050, 680, 120, 40);
    }

    static void files(DeviceScript s) {
        s.window("Finder", "Downloads", null);
        s.drag(400, 300, 900, 500);
        s.hotkey(Modifiers.META | Modifiers.SHIFT, "n");
        s.focus("textbox", "Folder name", false, 500, 300, 300, 30);
        s.type("Invoices 2026", false);
        s.named("Enter", 0);
        s.click(120, 200, MouseEvent.Button.MIDDLE);
        s.hotkey(Modifiers.ALT, "Tab");
    }

    static String pick(DeviceScript s, List<String> options) {
        return pick(s.rnd, options);
    }

    static String pick(java.util.Random rnd, List<String> options) {
        return options.get(rnd.nextInt(options.size()));
    }
}
