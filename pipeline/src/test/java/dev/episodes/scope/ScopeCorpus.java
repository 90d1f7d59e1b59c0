package dev.episodes.scope;

import dev.episodes.event.RawEvent;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.testing.Timeline;
import dev.episodes.testing.Desk;
import java.util.List;

/**
 * An ordinary morning written by hand, not by our generator: work in Slack and on the company's wiki,
 * and between them a password manager (desktop app, a vendor's other domain, an extension popup), the
 * OS's password apps, music and a news site, 5 s apart (further than a late secure focus reaches back). Under {@link #ALLOW} only Slack and Chrome on
 * {@code *.example.com} are in scope.
 */
public final class ScopeCorpus {
    public static final String ALLOW = "Slack,Google Chrome:*.example.com";

    /** Strings of out-of-scope activity: none may appear anywhere in a dataset. */
    public static final List<String> FORBIDDEN = List.of("1Password 8", "Personal Vault", "zqvaultnote",
            "my.1password.eu", "Sign in to 1Password", "zqeuvaultquery", "nngceckbapebfimnlniiiahkandclblb",
            "zqpopupsearch", "Keychain Access", "zqkeychainitem", "Spotify", "Liked Songs", "zqmusicsearch",
            "news.example.org", "Daily Planet", "zqnewscomment", "Seahorse", "zqseahorsekey", "Credential Manager",
            "zqcredential", "Passwords", "zqpasswordsnote");

    /** Strings of in-scope activity: each must reach the steps (the search can find what it looks for). */
    public static final List<String> KEPT = List.of("Slack", "general - Example Corp", "release at noon",
            "wiki.example.com", "zqwikisearch", "back to work");

    /** In-scope runs of activity, each separated from the next by out-of-scope time: one episode each. */
    public static final int IN_SCOPE_RUNS = 3;

    private ScopeCorpus() {}

    public static List<RawEvent> events() {
        return Desk.start()
                .focus("Slack", "general - Example Corp", null, "textbox", "Message #general", false, 400, 900)
                .type("release at noon").enter().pause(5000)
                .focus("1Password 8", "Personal Vault", null, "textbox", "Notes", false, 300, 300)
                .type("zqvaultnote").pause(5000)
                .focus("Google Chrome", "Sign in to 1Password", "https://my.1password.eu/signin", "textbox", "Search",
                        false, 300, 200)
                .type("zqeuvaultquery").pause(5000)
                .focus("Google Chrome", "Bitwarden",
                        "chrome-extension://nngceckbapebfimnlniiiahkandclblb/popup.html", "searchbox", "Search vault",
                        false, 1800, 120)
                .type("zqpopupsearch").pause(5000)
                .focus("Seahorse", "Passwords and Keys", null, "textbox", "Filter", false, 100, 100)
                .type("zqseahorsekey").pause(5000)
                .focus("Passwords", "Passwords", null, "textbox", "Notes", false, 100, 100)
                .type("zqpasswordsnote").pause(5000)
                .focus("Keychain Access", "Keychain Access", null, "textbox", "Search", false, 200, 60)
                .type("zqkeychainitem").pause(5000)
                .focus("Spotify", "Liked Songs", null, "searchbox", "What do you want to play?", false, 500, 40)
                .type("zqmusicsearch").pause(5000)
                .focus("Google Chrome", "Wiki - Example", "https://wiki.example.com/start", "searchbox", "Search wiki",
                        false, 600, 90)
                .type("zqwikisearch").enter().pause(5000)
                .focus("Credential Manager", "Credential Manager", null, "textbox", "Search", false, 100, 100)
                .type("zqcredential").pause(5000)
                .focus("Google Chrome", "Daily Planet", "https://news.example.org/story?id=7", "textbox", "Comment",
                        false, 700, 800)
                .type("zqnewscomment").pause(5000)
                .focus("Slack", "general - Example Corp", null, "textbox", "Message #general", false, 400, 900)
                .type("back to work").enter()
                .events();
    }

    /** The steps the corpus makes with nothing out of scope, that the policy would take out. */
    public static int outOfScopeSteps(ScopePolicy policy) {
        Timeline all = Timeline.run(ScopeCorpus.events(), new RedactionPolicy(java.util.List.of(), java.util.List.of(), "US")
                .withScope(new ScopePolicy("none", "0", java.util.List.of(), java.util.List.of(), false, java.util.List.of())));
        ScopeMatcher m = policy.matcher();
        int n = (int) all.steps().stream().filter(s -> !m.inScope(s.context().app(), s.context().windowTitle(),
                s.context().url())).count();
        if (n < 6) {
            throw new AssertionError("the corpus has too few out-of-scope steps: " + n);
        }
        return n;
    }
}
