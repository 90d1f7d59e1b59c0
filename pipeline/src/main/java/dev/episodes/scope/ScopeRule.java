package dev.episodes.scope;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One allow or deny entry: patterns over the foreground app's name, the window title, the URL's host
 * and the whole URL. A rule matches a context when every field it names has a pattern that matches
 * (fields it leaves empty match anything); a field the context lacks (no URL) matches no pattern.
 * The contract carries no bundle id or executable, so apps are matched by name.
 */
public record ScopeRule(List<ScopePattern> app, List<ScopePattern> title, List<ScopePattern> host,
        List<ScopePattern> url) implements Serializable {

    public ScopeRule {
        app = List.copyOf(app);
        title = List.copyOf(title);
        host = List.copyOf(host);
        url = List.copyOf(url);
        if (app.isEmpty() && title.isEmpty() && host.isEmpty() && url.isEmpty()) {
            throw new IllegalArgumentException("a scope rule needs at least one of app, title, host, url");
        }
    }

    public static ScopeRule app(String... globs) {
        return new ScopeRule(patterns(globs), List.of(), List.of(), List.of());
    }

    public static ScopeRule title(String... globs) {
        return new ScopeRule(List.of(), patterns(globs), List.of(), List.of());
    }

    public static ScopeRule host(String... globs) {
        return new ScopeRule(List.of(), List.of(), patterns(globs), List.of());
    }

    public static ScopeRule url(String... globs) {
        return new ScopeRule(List.of(), List.of(), List.of(), patterns(globs));
    }

    static List<ScopePattern> patterns(String... sources) {
        List<ScopePattern> out = new ArrayList<>(sources.length);
        for (String s : sources) {
            out.add(new ScopePattern(s));
        }
        return out;
    }
}
