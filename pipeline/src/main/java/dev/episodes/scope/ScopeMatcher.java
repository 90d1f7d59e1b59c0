package dev.episodes.scope;

import java.util.List;
import java.util.regex.Pattern;

/** A {@link ScopePolicy} compiled for matching (per operator instance, not state). */
public final class ScopeMatcher {
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

    ScopeMatcher(ScopePolicy policy) {
        this.allow = policy.allow().stream().map(Compiled::of).toList();
        this.deny = policy.denyRules().stream().map(Compiled::of).toList();
    }

    /** Whether activity in this context may become steps. */
    public boolean inScope(String app, String windowTitle, String url) {
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
