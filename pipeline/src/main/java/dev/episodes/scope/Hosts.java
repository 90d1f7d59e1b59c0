package dev.episodes.scope;

/**
 * The host of a URL as typed or shown, without a URI parser: a shown address may be no valid URI
 * (spaces, a bare host), and a scope decision must not depend on a parse failing.
 */
final class Hosts {
    private Hosts() {}

    /** Lower-case host, without userinfo, port or a trailing dot; null when the URL has none. */
    static String of(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        } else if (s.regionMatches(true, 0, "about:", 0, 6) || s.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#' || c == '\\') {
                end = i;
                break;
            }
        }
        String authority = s.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) { // IPv6 literal
            int close = authority.indexOf(']');
            authority = close < 0 ? authority : authority.substring(0, close + 1);
        } else {
            int colon = authority.indexOf(':');
            if (colon >= 0) {
                authority = authority.substring(0, colon);
            }
        }
        while (authority.endsWith(".")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        return authority.isEmpty() ? null : authority.toLowerCase(java.util.Locale.ROOT);
    }
}
