package dev.episodes.generate;

import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Scenes that plant labeled secrets where people really put them: typed into chats and forms (plain,
 * with typos, with cursor moves, in pieces with pauses), and shown on screen (window titles, element
 * names, URLs, percent-encoded). Look-alikes that must survive are planted beside them.
 */
final class SensitiveScenes {
    private static final List<String> KINDS = List.of("CREDIT_CARD", "IBAN", "SSN", "EMAIL", "PHONE", "SECRET");

    private SensitiveScenes() {}

    static String value(String kind, Random rnd) {
        return switch (kind) {
            case "CREDIT_CARD" -> Planted.card(rnd);
            case "IBAN" -> Planted.iban(rnd);
            case "SSN" -> Planted.ssn(rnd);
            case "EMAIL" -> Planted.email(rnd);
            case "PHONE" -> Planted.phone(rnd);
            default -> Scenes.pick(rnd, Planted.secrets(rnd));
        };
    }

    static String lookAlike(Random rnd, Planted p) {
        return p.lookAlike(switch (rnd.nextInt(7)) {
            case 0 -> "order " + Planted.orderNumber(rnd);
            case 1 -> "due 2026-" + (10 + rnd.nextInt(3)) + "-" + (10 + rnd.nextInt(18));
            case 2 -> "v" + rnd.nextInt(4) + "." + rnd.nextInt(20) + "." + rnd.nextInt(10);
            case 3 -> "commit " + Planted.gitHash(rnd);
            case 4 -> "room " + (1 + rnd.nextInt(9)) + "B at " + (1 + rnd.nextInt(11)) + ":30pm";
            case 5 -> "invoice total 12," + (100 + rnd.nextInt(900)) + " for Q" + (1 + rnd.nextInt(4));
            default -> "example key AKIAIOSFODNN7EXAMPLE";
        });
    }

    /** A secret typed into a chat or form field, in one of the typing styles people have. */
    static void typed(DeviceScript s, Planted p) {
        String kind = Scenes.pick(s.rnd, KINDS);
        String secret = p.record(kind, value(kind, s.rnd));
        String before = lookAlike(s.rnd, p) + ", ";
        String after = " thanks";
        if (s.rnd.nextBoolean()) {
            s.window("Slack", "#support - Slack", null);
            s.click(800, 1000, MouseEvent.Button.LEFT);
            s.focus("textbox", "Message #support", false, 300, 980, 1200, 60);
        } else {
            s.window("Google Chrome", "Payment details - billing.example.com", "https://billing.example.com/pay");
            s.click(700, 420, MouseEvent.Button.LEFT);
            s.focus("textbox", "Notes", false, 600, 400, 600, 200);
        }
        // typed in runs (before, secret, after): the same keys as one string, the secret's tagged for the painter
        int style = s.rnd.nextInt(4);
        switch (style) {
            case 0, 1 -> { // 1: with typos, each corrected with Backspace
                s.type(before, style == 1);
                s.typeSecret(kind, secret, style == 1);
                s.type(after, style == 1);
            }
            case 2 -> { // the end first, then Home and the beginning
                s.typeSecret(kind, secret, false);
                s.type(after, false);
                s.named("Home", 0);
                s.type(before, false);
            }
            default -> { // in pieces, with a pause and a save between them
                int half = secret.length() / 2;
                s.type(before, false);
                s.typeSecret(kind, secret.substring(0, half), false);
                s.pause(1_500, 4_000);
                s.hotkey(Modifiers.CTRL, "s");
                s.typeSecret(kind, secret.substring(half), false);
                s.type(after, false);
            }
        }
        s.named("Enter", 0);
    }

    /** A secret on screen: in a window title, an element's name, or a URL (sometimes percent-encoded). */
    static void onScreen(DeviceScript s, Planted p) {
        String kind = Scenes.pick(s.rnd, KINDS);
        String secret = p.record(kind, value(kind, s.rnd));
        switch (s.rnd.nextInt(4)) {
            case 0 -> s.window("Mail", "Re: " + secret + " - " + lookAlike(s.rnd, p), null);
            case 1 -> {
                s.window("Google Chrome", "Verify - accounts.example.com", "https://accounts.example.com/verify");
                s.focus("textbox", "Code sent to " + secret, false, 600, 400, 400, 40);
            }
            case 2 -> s.window("Google Chrome", "Contact - crm.example.com", "https://crm.example.com/contact?q="
                    + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&tab=2");
            default -> s.window("Google Chrome", "Callback - app.example.com",
                    "https://app.example.com/cb?session=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        s.click(900, 500, MouseEvent.Button.LEFT);
        s.scroll(1, 100);
    }
}
