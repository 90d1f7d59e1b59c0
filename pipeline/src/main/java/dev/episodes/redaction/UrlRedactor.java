package dev.episodes.redaction;

import dev.episodes.redaction.detect.Tokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URLs, read part by part on the raw string and each part decoded on its own (so an encoded {@code @},
 * {@code &} or {@code /} inside a credential cannot move a part's boundary and leave half of it):
 * <ul>
 *   <li>userinfo with a password ({@code user:p%40ss@host}, also an empty user) becomes {@code [SECRET]};
 *   <li>path segments that are machine-made tokens (password-reset and magic links, share ids), and any
 *       token-like segment within two segments after one such as {@code reset}, {@code verify} or {@code login};
 *       a UUID elsewhere in a path is taken for a record's id and kept, a hex string too (commits);
 *   <li>query and fragment values whose names are sensitive (passwords, tokens, presigned signatures and
 *       credentials: {@code X-Amz-Signature}, {@code X-Amz-Credential}, {@code Signature}, {@code sig},
 *       {@code GoogleAccessId}...), and unnamed or innocently named values that look machine-made;
 *       a value that is itself a URL (a redirect) is read the same way;
 * </ul>
 * then the text detectors run on the decoded result, which is what comes out.
 */
public final class UrlRedactor {
    private static final String[] SENSITIVE_PARAMS = {"pass", "pwd", "token", "code", "key", "secret", "session",
            "sid", "auth", "sig", "credential", "otp", "jwt", "saml", "ticket", "nonce", "accessid", "assertion",
            "bearer"};
    /** Names whose hex values are commits or checksums, not credentials. */
    private static final String[] HASH_PARAMS = {"commit", "sha", "rev", "hash", "oid", "ref", "digest", "etag",
            "checksum", "md5"};
    /** Path segments after which the next segment is a capability (reset, magic and invitation links). */
    private static final String[] TOKEN_SEGMENTS = {"reset", "verify", "verification", "confirm", "activate",
            "activation", "magic", "invite", "invitation", "token", "login", "signin", "sign-in", "auth", "unsubscribe",
            "password", "recover", "recovery", "passwordless", "otp", "key", "secret", "share", "accept", "claim"};
    private static final int MAX_DEPTH = 3;

    private final TextRedactor text;

    public UrlRedactor(TextRedactor text) {
        this.text = text;
    }

    public TextRedactor.Result redact(String url) {
        if (url == null || url.isEmpty()) {
            return new TextRedactor.Result(url, List.of());
        }
        List<Redaction> marks = new ArrayList<>(0);
        String structured = structure(url, marks, 0);
        TextRedactor.Result r = text.redact("url", structured);
        if (marks.isEmpty()) {
            return r;
        }
        marks.addAll(r.redactions());
        return new TextRedactor.Result(r.text(), marks);
    }

    /** The URL decoded part by part, with credentials, tokens and sensitive values replaced. */
    static String structure(String url, List<Redaction> marks, int depth) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        int n = url.length();
        int i = 0;
        int scheme = schemeEnd(url);
        if (scheme > 0) {
            out.append(url, 0, scheme + 3);
            int authStart = scheme + 3;
            int authEnd = indexOfAny(url, authStart, "/?#");
            int at = url.lastIndexOf('@', authEnd - 1);
            if (at >= authStart) {
                String userinfo = decode(url.substring(authStart, at), false);
                if (userinfo.indexOf(':') >= 0) {
                    out.append(Placeholder.SECRET.token());
                    marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-userinfo"));
                } else {
                    out.append(userinfo); // a bare user name: the text detectors judge it (an email...)
                }
                out.append('@').append(decode(url.substring(at + 1, authEnd), false));
            } else {
                out.append(decode(url.substring(authStart, authEnd), false));
            }
            i = authEnd;
        }
        int pathEnd = indexOfAny(url, i, "?#");
        path(url, i, pathEnd, out, marks);
        i = pathEnd;
        if (i < n && url.charAt(i) == '?') {
            int queryEnd = indexOfAny(url, i + 1, "#");
            out.append('?');
            params(url, i + 1, queryEnd, true, out, marks, depth);
            i = queryEnd;
        }
        if (i < n) { // '#': parameters (OAuth implicit flow) or a client-side route
            out.append('#');
            if (url.indexOf('=', i + 1) >= 0) {
                params(url, i + 1, n, false, out, marks, depth);
            } else {
                path(url, i + 1, n, out, marks);
            }
        }
        return out.toString();
    }

    private static void path(String url, int from, int to, StringBuilder out, List<Redaction> marks) {
        boolean afterKeyword = false; // one of the last two segments was "reset", "verify", "login"...
        boolean keyword = false;
        int i = from;
        while (i < to) {
            int end = indexOfAny(url, i, "/", to);
            int semi = indexOfAny(url, i, ";", end); // matrix parameters: /items;jsessionid=...
            String segment = decode(url.substring(i, semi), false);
            if (token(segment, keyword || afterKeyword)) {
                out.append(Placeholder.SECRET.token());
                marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-path-token"));
            } else {
                out.append(segment);
            }
            if (semi < end) {
                out.append(';');
                params(url, semi + 1, end, false, out, marks, MAX_DEPTH);
            }
            afterKeyword = keyword;
            keyword = keyword(segment);
            if (end < to) {
                out.append('/');
            }
            i = end + 1;
        }
    }

    /** A path segment that is a capability: random on its own, or token-like after a keyword segment. */
    static boolean token(String segment, boolean afterKeyword) {
        int len = segment.length();
        if (Tokens.looksRandom(segment, 0, len, 20)) {
            return true;
        }
        if (len < 8 || !afterKeyword) {
            return false;
        }
        return Tokens.uuid(segment, 0, len) || Tokens.hex(segment, 0, len, 16) || Tokens.looksRandom(segment, 0, len, 8)
                || (len >= 16 && onlyTokenChars(segment) && hasDigit(segment));
    }

    private static boolean keyword(String previous) {
        String p = previous.toLowerCase(Locale.ROOT);
        for (String k : TOKEN_SEGMENTS) {
            if (p.equals(k) || p.endsWith("-" + k) || p.endsWith("_" + k) || p.startsWith(k + "-") || p.startsWith(k + "_")) {
                return true;
            }
        }
        return false;
    }

    private static void params(String url, int from, int to, boolean query, StringBuilder out, List<Redaction> marks,
            int depth) {
        int i = from;
        while (i <= to) {
            int end = indexOfAny(url, i, "&;", to);
            if (end > i) {
                param(url, i, end, query, out, marks, depth);
            }
            if (end < to) {
                out.append(url.charAt(end));
            }
            i = end + 1;
        }
    }

    private static void param(String url, int from, int to, boolean query, StringBuilder out, List<Redaction> marks,
            int depth) {
        int eq = url.indexOf('=', from);
        if (eq < 0 || eq >= to) {
            String bare = decode(url.substring(from, to), query);
            if (Tokens.looksRandom(bare, 0, bare.length(), 16) || Tokens.hex(bare, 0, bare.length(), 32)) {
                out.append(Placeholder.SECRET.token());
                marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-query-token"));
            } else {
                out.append(bare);
            }
            return;
        }
        String name = decode(url.substring(from, eq), query);
        String value = decode(url.substring(eq + 1, to), query);
        out.append(name).append('=');
        if (value.isEmpty()) {
            return;
        }
        if (sensitive(name)) {
            out.append(Placeholder.SECRET.token());
            marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-query-param"));
        } else if (Tokens.looksRandom(value, 0, value.length(), 16)
                || (Tokens.hex(value, 0, value.length(), 32) && !named(name, HASH_PARAMS))) {
            out.append(Placeholder.SECRET.token());
            marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-query-token"));
        } else if (depth < MAX_DEPTH && schemeEnd(value) > 0) {
            out.append(structure(value, marks, depth + 1)); // a redirect target carries its own query
        } else {
            out.append(value);
        }
    }

    static boolean sensitive(String name) {
        return named(name, SENSITIVE_PARAMS);
    }

    private static boolean named(String name, String[] words) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String s : words) {
            if (n.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The index of "://" after a valid scheme at the start, or -1. */
    private static int schemeEnd(String s) {
        int i = s.indexOf("://");
        if (i <= 0 || i > 32 || !Character.isLetter(s.charAt(0))) {
            return -1;
        }
        for (int k = 1; k < i; k++) {
            char c = s.charAt(k);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '.' && c != '-') {
                return -1;
            }
        }
        return i;
    }

    private static boolean onlyTokenChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Tokens.tokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfAny(String s, int from, String chars) {
        return indexOfAny(s, from, chars, s.length());
    }

    private static int indexOfAny(String s, int from, String chars, int to) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return to;
    }

    /** Decoded twice (redirects double-encode); in a query, '+' is a space ("4111+1111+..." is a card). */
    static String decode(String s, boolean query) {
        String plus = query && s.indexOf('+') >= 0 ? s.replace('+', ' ') : s;
        return decode(decode(plus));
    }

    /** Decodes valid %XX sequences as UTF-8; anything else is kept as it is. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
            i++;
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
