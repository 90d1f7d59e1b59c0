package dev.episodes.redaction;

import dev.episodes.scope.ScopePolicy;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What is never recorded at all, and how detection is tuned. Steps in a denied app (matched by name,
 * case-insensitively, as a substring) or on a denied URL (regular expressions) are dropped entirely.
 * {@code secretInputs} recognises fields and terminal lines that take a secret beyond the secure flag.
 * {@code scope} decides first what may become steps at all (see {@link ScopePolicy}).
 */
public record RedactionPolicy(List<String> deniedApps, List<String> deniedUrls, String phoneRegion,
        SecretInputs secretInputs, ScopePolicy scope, IdPattern idPattern) implements Serializable {

    public static final List<String> DEFAULT_DENIED_APPS = List.of("1Password", "Bitwarden", "KeePassXC", "KeePass",
            "LastPass", "Keychain Access", "Dashlane", "Enpass", "NordPass", "Proton Pass");
    public static final List<String> DEFAULT_DENIED_URLS = List.of(
            "(?i)^https?://([^/?#]*\\.)?(1password\\.com|bitwarden\\.com|lastpass\\.com|dashlane\\.com|"
                    + "keepersecurity\\.com|nordpass\\.com)([/?#:]|$)",
            "(?i)^(chrome|edge|brave)://(settings/)?password",
            "(?i)^about:logins");
    public static final RedactionPolicy DEFAULT = new RedactionPolicy(DEFAULT_DENIED_APPS, DEFAULT_DENIED_URLS, "US");

    public RedactionPolicy(List<String> deniedApps, List<String> deniedUrls, String phoneRegion) {
        this(deniedApps, deniedUrls, phoneRegion, SecretInputs.standard());
    }

    public RedactionPolicy(List<String> deniedApps, List<String> deniedUrls, String phoneRegion,
            SecretInputs secretInputs) {
        this(deniedApps, deniedUrls, phoneRegion, secretInputs, ScopePolicy.DEFAULT, IdPattern.DEFAULT);
    }

    public RedactionPolicy withScope(ScopePolicy s) {
        return new RedactionPolicy(deniedApps, deniedUrls, phoneRegion, secretInputs, s, idPattern);
    }

    /** With the directory's id pattern ({@code --id-pattern}). */
    public RedactionPolicy withIdPattern(IdPattern ids) {
        return new RedactionPolicy(deniedApps, deniedUrls, phoneRegion, secretInputs, scope, ids);
    }

    public RedactionPolicy {
        java.util.Objects.requireNonNull(secretInputs, "secretInputs");
        java.util.Objects.requireNonNull(scope, "scope");
        java.util.Objects.requireNonNull(idPattern, "idPattern");
        deniedApps = List.copyOf(deniedApps);
        deniedUrls = List.copyOf(deniedUrls);
        for (String u : deniedUrls) {
            try {
                Pattern.compile(u);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("denied URL pattern is not a regular expression: " + u, e);
            }
        }
        new dev.episodes.redaction.detect.PhoneDetector(phoneRegion); // validates the region
    }

    /** Why a context is denied ({@code denied_app}, {@code denied_url}), or null when it is not. */
    String denial(String app, String url, List<Pattern> compiledUrls) {
        if (app != null) {
            String a = app.toLowerCase(Locale.ROOT);
            for (String d : deniedApps) {
                if (a.contains(d.toLowerCase(Locale.ROOT))) {
                    return "denied_app";
                }
            }
        }
        if (url != null) {
            for (Pattern p : compiledUrls) {
                if (p.matcher(url).find()) {
                    return "denied_url";
                }
            }
        }
        return null;
    }
}
