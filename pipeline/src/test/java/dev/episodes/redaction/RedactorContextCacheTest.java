package dev.episodes.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.pairing.UiContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Redactor remembers redacted contexts by value: interleaved devices, equal contexts as new objects
 * (what RocksDB hands back) and more contexts than it keeps must all redact as a fresh Redactor does.
 */
class RedactorContextCacheTest {
    private static final String[] APPS = {"Chrome", "Slack", "jane.doe@example.org - Mail", "Терминал", "微信", null};
    private static final String[] TITLES = {"Inbox", "Card 4111 1111 1111 1111", "token sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "IBAN DE89 3704 0044 0532 0130 00", "Общий чат", "", null};
    private static final String[] URLS = {"https://mail.example.com/inbox", "https://example.com/reset?token=abc123def456",
            "https://bank.example/u/jane.doe@example.org", null};

    private static UiContext context(Random r, int variant) {
        return new UiContext(APPS[r.nextInt(APPS.length)], TITLES[r.nextInt(TITLES.length)] + (variant > 0 ? " #" + variant : ""),
                URLS[r.nextInt(URLS.length)], "textbox", r.nextBoolean() ? "Search" : "Call +49 30 1234567", null, 2560, 1440,
                false, 10, 20, 300, 24);
    }

    private static Step step(UiContext c, int i) {
        return new Step(Action.CLICK, i, i, 1, 1, null, null, null, null, null, null, c, List.of(), List.of("e" + i), 0);
    }

    @Test
    void aCachedRedactorRedactsAsAFreshOne() {
        Random r = new Random(16);
        Redactor cached = new Redactor(RedactionPolicy.DEFAULT);
        List<UiContext> seen = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            UiContext c;
            int pick = r.nextInt(4);
            if (pick == 0 && !seen.isEmpty()) { // an equal context as a new object
                UiContext o = seen.get(r.nextInt(seen.size()));
                c = new UiContext(o.app(), o.windowTitle(), o.url(), o.elementRole(), o.elementName(), o.screenshotRef(),
                        o.screenW(), o.screenH(), o.secure(), o.elementX(), o.elementY(), o.elementW(), o.elementH());
            } else {
                c = context(r, r.nextInt(3_000)); // more distinct contexts than the cache keeps: evictions
                seen.add(c);
            }
            Step s = step(c, i);
            assertEquals(new Redactor(RedactionPolicy.DEFAULT).redactContext(s), cached.redactContext(s), "step " + i);
        }
    }

    @Test
    void aStepWithNothingToRedactKeepsItsOwnContext() {
        Redactor redactor = new Redactor(RedactionPolicy.DEFAULT);
        UiContext plain = new UiContext("Chrome", "Inbox", "https://mail.example.com/inbox", "textbox", "Search", null,
                null, null, false, null, null, null, null);
        UiContext equal = new UiContext("Chrome", "Inbox", "https://mail.example.com/inbox", "textbox", "Search", null,
                null, null, false, null, null, null, null);
        Step first = step(plain, 1);
        assertSame(first, redactor.redactContext(first));
        Step second = step(equal, 2);
        assertSame(second, redactor.redactContext(second), "an equal context from the cache: no new step");
    }
}
