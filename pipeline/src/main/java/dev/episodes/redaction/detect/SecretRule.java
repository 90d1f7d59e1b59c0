package dev.episodes.redaction.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One secret format. {@code group} is the part to redact (0: the whole match); a match whose redacted
 * part has less Shannon entropy (bits per character) than {@code minEntropy}, or that ends with an
 * allow-listed suffix (documented example keys end in {@code EXAMPLE}), is not a secret.
 */
record SecretRule(String id, Pattern pattern, int group, double minEntropy, String allowSuffix, List<String> hints) {

    static SecretRule of(String id, String regex, int group, double minEntropy) {
        return new SecretRule(id, Pattern.compile(regex), group, minEntropy, null, List.of());
    }

    SecretRule allowing(String suffix) {
        return new SecretRule(id, pattern, group, minEntropy, suffix, hints);
    }

    /**
     * Substrings (lower case) of which the text must contain one, in any case, for the rule to possibly
     * match: a cheap gate ({@link Hints}) so the regular expression only runs where it can find something.
     */
    SecretRule hints(String... lowerCase) {
        return new SecretRule(id, pattern, group, minEntropy, allowSuffix, List.of(lowerCase));
    }

    /** More hints, outside ASCII (matched on the text as it is, not lower-cased). */
    SecretRule hintsAlso(String... exact) {
        List<String> all = new java.util.ArrayList<>(hints);
        all.addAll(List.of(exact));
        return new SecretRule(id, pattern, group, minEntropy, allowSuffix, List.copyOf(all));
    }

    static double entropy(CharSequence s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                double p = c / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
