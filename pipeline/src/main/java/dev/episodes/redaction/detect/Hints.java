package dev.episodes.redaction.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Which secret rules could match a string, found in one pass: every rule's hint substrings indexed by
 * their first character, compared case-insensitively where that character occurs. Replaces lower-casing
 * the string and searching it once per hint (dozens of scans of every string on the hot path).
 */
final class Hints {
    private final char[][][] byFirst = new char[128][][]; // first char -> hints starting with it
    private final long[][] rulesByFirst = new long[128][]; // first char -> rule mask of each hint
    private final long always;
    private final List<String> wide = new ArrayList<>(); // hints beyond ASCII, matched exactly
    private final List<Long> wideRules = new ArrayList<>();

    Hints(List<SecretRule> rules) {
        if (rules.size() > 64) {
            throw new IllegalArgumentException("at most 64 rules fit the mask");
        }
        List<List<String>> hints = new ArrayList<>();
        List<List<Long>> masks = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            hints.add(new ArrayList<>());
            masks.add(new ArrayList<>());
        }
        long none = 0;
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).hints().isEmpty()) {
                none |= 1L << r;
            }
            for (String h : rules.get(r).hints()) {
                char first = h.charAt(0);
                if (first >= 128) {
                    wide.add(h);
                    wideRules.add(1L << r);
                    continue;
                }
                if (Character.toLowerCase(first) != first) {
                    throw new IllegalArgumentException("hints are lower-case ASCII: " + h);
                }
                hints.get(first).add(h);
                masks.get(first).add(1L << r);
            }
        }
        for (int c = 0; c < 128; c++) {
            if (!hints.get(c).isEmpty()) {
                byFirst[c] = hints.get(c).stream().map(String::toCharArray).toArray(char[][]::new);
                rulesByFirst[c] = masks.get(c).stream().mapToLong(Long::longValue).toArray();
            }
        }
        always = none;
    }

    /** A bit set of the rules (by index) whose hints occur in {@code text}. */
    long candidates(String text) {
        long found = always;
        int n = text.length();
        boolean beyondAscii = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '[') {
                i = placeholderEnd(text, i); // "[SECRET]" left by an earlier pass names no secret
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c >= 128) {
                beyondAscii = true;
                continue;
            }
            char[][] hs = byFirst[c];
            if (hs == null) {
                continue;
            }
            for (int k = 0; k < hs.length; k++) {
                if ((found & rulesByFirst[c][k]) == 0 && matches(text, i, hs[k])) {
                    found |= rulesByFirst[c][k];
                }
            }
        }
        if (beyondAscii) {
            for (int k = 0; k < wide.size(); k++) {
                if ((found & wideRules.get(k)) == 0 && text.contains(wide.get(k))) {
                    found |= wideRules.get(k);
                }
            }
        }
        return found;
    }

    /** The index of the ']' closing a placeholder such as "[SECRET]" opened at {@code at}, or {@code at}. */
    private static int placeholderEnd(String text, int at) {
        int n = Math.min(text.length(), at + 16);
        for (int j = at + 1; j < n; j++) {
            char c = text.charAt(j);
            if (c == ']') {
                return j > at + 1 ? j : at;
            }
            if (!(c >= 'A' && c <= 'Z') && c != '_') {
                return at;
            }
        }
        return at;
    }

    private static boolean matches(String text, int at, char[] hint) {
        if (at + hint.length > text.length()) {
            return false;
        }
        for (int j = 1; j < hint.length; j++) {
            char c = text.charAt(at + j);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (c != hint[j]) {
                return false;
            }
        }
        return true;
    }
}
