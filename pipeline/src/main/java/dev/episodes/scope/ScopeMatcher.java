package dev.episodes.scope;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link ScopePolicy} compiled for matching (per operator instance, not state). Answers are memoized
 * per exact (app, title, url): one operator's devices share few contexts, and normalizing plus running
 * every rule's patterns was a fifth of the device timelines' time (profile of issue 16). The memo is
 * direct-mapped (a new context evicts the one in its slot), so it stays bounded whatever the input.
 */
public final class ScopeMatcher {
    private static final int MEMO_SLOTS = 1 << 12;

    /** One remembered answer; immutable, so threads sharing a matcher see whole entries or none. */
    private record Answer(String app, String title, String url, boolean inScope) {
        boolean isFor(String a, String t, String u) {
            return Objects.equals(app, a) && Objects.equals(title, t) && Objects.equals(url, u);
        }
    }

    private record Compiled(List<Pattern> app, List<Pattern> title, List<Pattern> host, List<Pattern> url) {
        static Compiled of(ScopeRule r) {
            return new Compiled(compile(r.app()), compile(r.title()), compile(r.host()), compile(r.url()));
        }

        boolean matches(String app, String title, String host, String url) {
            return field(app, this.app) && field(title, this.title) && field(host, this.host) && field(url, this.url);
        }

        private static boolean field(String value, List<Pattern> patterns) {
            if (patterns.isEmpty()) {
                return true;
            }
            if (value == null) {
                return false;
            }
            for (Pattern p : patterns) {
                if (p.matcher(value).find()) {
                    return true;
                }
            }
            return false;
        }

        private static List<Pattern> compile(List<ScopePattern> ps) {
            return ps.stream().map(ScopePattern::compiled).toList();
        }
    }

    private final List<Compiled> allow;
    private final List<Compiled> deny;
    private final Answer[] memo = new Answer[MEMO_SLOTS];

    ScopeMatcher(ScopePolicy policy) {
        this.allow = policy.allow().stream().map(Compiled::of).toList();
        this.deny = policy.denyRules().stream().map(Compiled::of).toList();
    }

    /** Whether activity in this context may become steps. */
    public boolean inScope(String app, String windowTitle, String url) {
        int slot = slot(app, windowTitle, url);
        Answer known = memo[slot];
        if (known != null && known.isFor(app, windowTitle, url)) {
            return known.inScope();
        }
        boolean in = decide(app, windowTitle, url);
        memo[slot] = new Answer(app, windowTitle, url, in);
        return in;
    }

    private static int slot(String app, String windowTitle, String url) {
        int h = Objects.hash(app, windowTitle, url);
        return (h ^ (h >>> 16)) & (MEMO_SLOTS - 1);
    }

    private boolean decide(String app, String windowTitle, String url) {
        String a = app == null ? null : ScopePattern.normalize(app);
        String t = windowTitle == null ? null : ScopePattern.normalize(windowTitle);
        String u = url == null ? null : ScopePattern.normalize(url);
        String h = Hosts.of(u);
        for (Compiled d : deny) {
            if (d.matches(a, t, h, u)) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        for (Compiled r : allow) {
            if (r.matches(a, t, h, u)) {
                return true;
            }
        }
        return false;
    }
}
