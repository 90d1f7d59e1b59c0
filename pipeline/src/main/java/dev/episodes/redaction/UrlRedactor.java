package dev.episodes.redaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URLs: percent-encoding is decoded first (so {@code %40} and encoded secrets are seen), values of
 * query and fragment parameters whose names are sensitive are replaced by {@code [SECRET]}, then the
 * text detectors run on the result. The URL comes out decoded.
 */
public final class UrlRedactor {
    private static final String[] SENSITIVE_PARAMS = {"pass", "pwd", "token", "code", "key", "secret", "session",
            "sid", "auth", "sig", "credential", "otp", "jwt", "saml", "ticket", "nonce"};

    private final TextRedactor text;

    public UrlRedactor(TextRedactor text) {
        this.text = text;
    }

    public TextRedactor.Result redact(String url) {
        if (url == null || url.isEmpty()) {
            return new TextRedactor.Result(url, List.of());
        }
        String decoded = decode(decode(plusAsSpaceInQuery(url))); // twice: redirects double-encode
        List<Redaction> marks = new ArrayList<>();
        String blanked = blankSensitiveParams(decoded, marks);
        TextRedactor.Result r = text.redact("url", blanked);
        if (marks.isEmpty()) {
            return r;
        }
        marks.addAll(r.redactions());
        return new TextRedactor.Result(r.text(), marks);
    }

    static String blankSensitiveParams(String url, List<Redaction> marks) {
        int q = indexOfAny(url, '?', '#');
        if (q < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.length()).append(url, 0, q + 1);
        int i = q + 1;
        while (i <= url.length()) {
            int end = i;
            while (end < url.length() && "&;#?".indexOf(url.charAt(end)) < 0) {
                end++;
            }
            String pair = url.substring(i, end);
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1 && sensitive(pair.substring(0, eq))) {
                sb.append(pair, 0, eq + 1).append(Placeholder.SECRET.token());
                marks.add(new Redaction("url", Placeholder.SECRET.name(), "url-query-param"));
            } else {
                sb.append(pair);
            }
            if (end < url.length()) {
                sb.append(url.charAt(end));
            }
            i = end + 1;
        }
        return sb.toString();
    }

    /** In a query (form encoding), '+' is a space: "4111+1111+..." must read as the card it is. */
    static String plusAsSpaceInQuery(String url) {
        int q = indexOfAny(url, '?', '#');
        if (q < 0 || url.indexOf('+', q) < 0) {
            return url;
        }
        return url.substring(0, q) + url.substring(q).replace('+', ' ');
    }

    static boolean sensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String s : SENSITIVE_PARAMS) {
            if (n.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
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
