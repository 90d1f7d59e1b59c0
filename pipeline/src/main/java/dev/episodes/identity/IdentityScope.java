package dev.episodes.identity;

import java.util.Locale;

/**
 * What the {@code user} and {@code device} columns hold ({@code --identity}): a keyed pseudonym per
 * episode, per person and UTC day, or the stable pseudonym of the person (as before issue 17). With
 * {@code episode} nothing the training team reads links two episodes of one person; with {@code day},
 * two days. Splits come from the stable pseudonym whatever the scope (nobody in two splits).
 */
public enum IdentityScope {
    EPISODE, DAY, STABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IdentityScope parse(String s) {
        for (IdentityScope v : values()) {
            if (v.wire().equals(s == null ? null : s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new IllegalArgumentException("--identity must be episode, day or stable, got '" + s + "'");
    }
}
