package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.detect.Folded;
import dev.episodes.redaction.detect.Span;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw ids out of every string of a step (app, window title, URL, element role and name, screenshot
 * reference, text, keys). A person's own user and device ids become their pseudonyms; anything else the
 * configured {@link IdPattern} matches (a colleague's id typed, a device named in a path) becomes
 * {@code [ID]}: mapping it to that person's pseudonym would link people across episodes, which identity
 * scopes must decide, not this stage. Found case-insensitively, whatever delimiter stands next to them
 * ({@code u-1042-d-7}, {@code user=u_1042&}), percent-encoded (also twice), full-width, and base64
 * (standard or URL-safe, of the id alone or of a longer value holding it): a base64 token of 8 or more
 * characters that decodes to something holding an id becomes {@code [ID]} whole.
 *
 * <p>One instance per person and device (its own ids are compiled in); {@link #others} knows only the
 * pattern, for strings that belong to no one person, such as input file names.
 */
public final class RawIds {
    static final String ID = Placeholder.ID.token();
    private static final int MIN_BASE64 = 8;

    private final Pattern ids;
    private final Pattern decodedIds; // the same ids in decoded base64 bytes (ASCII, no folding needed)
    private final String user;
    private final String device;
    private final boolean[] pairs; // [c1 << 7 | c2]: an id may start with these two ASCII characters
    private final boolean userGroup;
    private final boolean deviceGroup;
    private UiContext lastIn;
    private UiContext lastOut;
    private List<Redaction> lastMarks;

    private RawIds(IdPattern pattern, String userId, String user, String deviceId, String device) {
        StringBuilder re = new StringBuilder();
        if (userId != null && !userId.isEmpty()) {
            re.append("(?<own1>").append(own(userId)).append(')');
        }
        if (deviceId != null && !deviceId.isEmpty()) {
            re.append(re.isEmpty() ? "" : "|").append("(?<own2>").append(own(deviceId)).append(')');
        }
        if (pattern != null) {
            re.append(re.isEmpty() ? "" : "|").append("(?<other>").append(pattern.token()).append(')');
        }
        String all = re.isEmpty() ? "(?!)" : re.toString();
        this.ids = Pattern.compile(all, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.decodedIds = Pattern.compile(all, Pattern.CASE_INSENSITIVE);
        this.user = user;
        this.device = device;
        this.pairs = pattern == null ? new boolean[128 * 128] : pattern.startPairs().clone();
        ownPairs(userId, pairs);
        ownPairs(deviceId, pairs);
        this.userGroup = userId != null && !userId.isEmpty();
        this.deviceGroup = deviceId != null && !deviceId.isEmpty();
    }

    /** A person's own ids become {@code user} / {@code device}; other ids the pattern matches, {@code [ID]}. */
    public static RawIds of(IdPattern pattern, String userId, String user, String deviceId, String device) {
        return new RawIds(pattern, userId, user, deviceId, device);
    }

    /** Only the pattern's ids, each becoming {@code [ID]}. */
    public static RawIds others(IdPattern pattern) {
        return new RawIds(pattern, null, null, null, null);
    }

    /** Whether {@code s} holds {@code id} in any form this class recognises. */
    public static boolean mentions(String s, String id) {
        return s != null && new RawIds(null, id, ID, null, null).scrub(s, null, null) != s;
    }

    /** {@code raw} replaced in any form; the same instance if absent (kept for callers with one id). */
    static String replace(String s, String raw, String pseudonym) {
        return new RawIds(null, raw, pseudonym, null, null).scrub(s, null, null);
    }

    /** The step with no raw id in any of its strings; the same instance when there was none. */
    public Step apply(Step s) {
        UiContext c = s.context();
        if (c != lastIn) {
            List<Redaction> marks = new ArrayList<>(0);
            String app = scrub(c.app(), "app", marks);
            String title = scrub(c.windowTitle(), "window_title", marks);
            String url = scrub(c.url(), "url", marks);
            String role = scrub(c.elementRole(), "element_role", marks);
            String name = scrub(c.elementName(), "element_name", marks);
            // The screenshot reference is kept as sent: the frames stage reads it, and no output holds it (1.1).
            boolean same = app == c.app() && title == c.windowTitle() && url == c.url() && role == c.elementRole()
                    && name == c.elementName();
            lastIn = c;
            lastMarks = List.copyOf(marks);
            lastOut = same ? c : c.withStrings(app, title, url, role, name);
        }
        Step out = lastOut == c ? s : s.withContext(lastOut, lastMarks);
        List<Redaction> marks = new ArrayList<>(0);
        String text = scrub(out.text(), "text", marks);
        if (text != out.text()) {
            out = out.withText(text, out.endTsUs(), marks);
            marks.clear();
        }
        String keys = scrub(out.keys(), "keys", marks);
        if (keys != out.keys()) {
            out = new Step(out.action(), out.tsUs(), out.endTsUs(), out.x(), out.y(), out.toX(), out.toY(),
                    out.scrollDx(), out.scrollDy(), out.text(), keys, out.context(), out.redactions(), out.eventIds(),
                    out.gapBeforeUs());
            out = marks.isEmpty() ? out : out.withContext(out.context(), marks);
        }
        return out;
    }

    /** {@code s} with every id replaced; the same instance when it holds none. */
    public String scrub(String s) {
        return scrub(s, null, null);
    }

    /** As {@link #scrub(String)}, adding one {@code ID} redaction of {@code field} per placeholder. */
    String scrub(String s, String field, List<Redaction> marks) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        List<int[]> spans = null; // {start, end, 0 = [ID] | 1 = user | 2 = device}
        View v = View.of(s);
        String t = v.text;
        Matcher m = null;
        // Only where the first two characters could begin an id (the regex at every position costs ~20x).
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            char c2 = i + 1 < n ? t.charAt(i + 1) : 0;
            if (c < 128 && c2 < 128 && !pairs[c << 7 | c2]) {
                continue;
            }
            if (m == null) {
                m = ids.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(i, n);
            if (!m.lookingAt() || m.end() == m.start()) {
                continue; // a pattern that can match nothing (a lone \b) names no id
            }
            int kind = userGroup && m.start("own1") >= 0 ? 1 : deviceGroup && m.start("own2") >= 0 ? 2 : 0;
            spans = add(spans, v.start(m.start()), v.end(m.end()), kind);
            i = m.end() - 1;
        }
        spans = base64(s, spans);
        if (spans == null) {
            return s;
        }
        spans.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder(s.length() + 32);
        int copied = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] sp = spans.get(i);
            int end = sp[1];
            int kind = sp[2];
            while (i + 1 < spans.size() && spans.get(i + 1)[0] < end) { // overlapping: one [ID] over both
                int[] next = spans.get(++i);
                end = Math.max(end, next[1]);
                kind = kind == next[2] ? kind : 0;
            }
            sb.append(s, copied, Math.max(copied, sp[0]));
            sb.append(kind == 1 ? user : kind == 2 ? device : ID);
            if (kind == 0 && marks != null) {
                marks.add(new Redaction(field, Placeholder.ID.name(), "raw_id"));
            }
            copied = Math.max(copied, end);
        }
        return sb.append(s, copied, s.length()).toString();
    }

    private static List<int[]> add(List<int[]> spans, int start, int end, int kind) {
        List<int[]> out = spans == null ? new ArrayList<>(2) : spans;
        out.add(new int[] {start, end, kind});
        return out;
    }

    /** The first two characters of an own id, in either case ({@code 0}: the id has only one). */
    private static void ownPairs(String id, boolean[] pairs) {
        if (id == null || id.isEmpty()) {
            return;
        }
        for (char a : variants(id.charAt(0))) {
            if (id.length() == 1) {
                for (int b = 0; b < 128; b++) {
                    pairs[a << 7 | b] = true;
                }
                continue;
            }
            char second = id.charAt(1);
            char[] bs = Character.isLetterOrDigit(second) ? variants(second) : "-_.:+ ".toCharArray();
            for (char b : bs) {
                pairs[a << 7 | b] = true;
            }
        }
    }

    /** A character in both cases, only those below 128 (others are always checked in full). */
    private static char[] variants(char c) {
        char lo = Character.toLowerCase(c);
        char up = Character.toUpperCase(c);
        return new String(new char[] {lo, up}).chars().filter(x -> x < 128).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray();
    }

    /** An id as a regular expression: letters and digits as given (any case), any delimiter between. */
    private static String own(String id) {
        StringBuilder re = new StringBuilder(IdPattern.BEFORE);
        int i = 0;
        while (i < id.length()) {
            int j = i;
            boolean word = Character.isLetterOrDigit(id.charAt(i));
            while (j < id.length() && Character.isLetterOrDigit(id.charAt(j)) == word) {
                j++;
            }
            re.append(word ? Pattern.quote(id.substring(i, j)) : "[-_.:+ ]{1," + (j - i) + "}");
            i = j;
        }
        return re.append(IdPattern.AFTER).toString();
    }

    // ---- base64 ----

    /** Runs of the base64 alphabets (standard and URL-safe); a run with '/' is also tried piece by piece. */
    private List<int[]> base64(String s, List<int[]> spans) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!b64(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean slash = false;
            while (i < n && b64(s.charAt(i))) {
                slash |= s.charAt(i) == '/';
                i++;
            }
            if (i - start >= 4 && i - start < MIN_BASE64) {
                if (isEncodedId(s, start, i)) {
                    spans = add(spans, start, i, 0);
                }
            } else if (i - start >= MIN_BASE64) {
                if (decodesToId(s, start, i)) {
                    spans = add(spans, start, i, 0);
                } else if (slash) {
                    for (int p = start, q; p < i; p = q + 1) {
                        q = s.indexOf('/', p);
                        q = q < 0 || q > i ? i : q;
                        if (q - p >= MIN_BASE64 && decodesToId(s, p, q)) {
                            spans = add(spans, p, q, 0);
                        }
                    }
                }
            }
        }
        return spans;
    }

    private static boolean b64(char c) {
        return c < 128 && SEXTET[c] >= 0;
    }

    /** A short token (4 to 7 characters) counts only when it is the encoding of an id alone ({@code ZC03}). */
    private boolean isEncodedId(String s, int start, int end) {
        if (!mixed(s, start, end)) {
            return false;
        }
        byte[] buf = new byte[6];
        int len = decode(s, start, end, buf);
        return decodedIds.matcher(new String(buf, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1)).matches();
    }

    private static int decode(String s, int start, int end, byte[] buf) {
        int len = 0;
        int acc = 0;
        int bits = 0;
        for (int k = start; k < end; k++) {
            acc = (acc << 6) | SEXTET[s.charAt(k)];
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                buf[len++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return len;
    }

    /** Decoded from each of the four possible alignments: a token may start mid-stream. */
    private boolean decodesToId(String s, int start, int end) {
        if (!mixed(s, start, end)) {
            return false;
        }
        byte[] buf = new byte[(end - start) / 4 * 3 + 3];
        for (int off = 0; off < 4 && end - start - off >= MIN_BASE64 / 2; off++) {
            int len = decode(s, start + off, end, buf);
            if (len > 0 && printableRun(buf, len)
                    && decodedIds.matcher(new String(buf, 0, len, java.nio.charset.StandardCharsets.ISO_8859_1)).find()) {
                return true;
            }
        }
        return false;
    }

    /** Base64 of ASCII nearly always mixes cases or holds digits; a plain word ("Settings") is skipped. */
    private static boolean mixed(String s, int start, int end) {
        boolean upper = false;
        boolean lowerOrDigit = false;
        int uppers = 0;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
                if (k > start) {
                    uppers++;
                }
            } else {
                lowerOrDigit = true;
            }
        }
        return upper && lowerOrDigit && (uppers > 0 || digitIn(s, start, end));
    }

    private static boolean digitIn(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                return true;
            }
        }
        return false;
    }

    /** At least three printable ASCII bytes in a row: an id could be there. */
    private static boolean printableRun(byte[] b, int len) {
        int run = 0;
        for (int k = 0; k < len; k++) {
            run = b[k] >= 0x20 && b[k] < 0x7f ? run + 1 : 0;
            if (run >= 3) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] SEXTET = new byte[128];

    static {
        java.util.Arrays.fill(SEXTET, (byte) -1);
        String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int k = 0; k < std.length(); k++) {
            SEXTET[std.charAt(k)] = (byte) k;
        }
        SEXTET['-'] = 62; // URL-safe
        SEXTET['_'] = 63;
    }

    // ---- the string as ids are searched in: percent-decoded (twice at most), then folded ----

    private record View(String text, int[] from, int[] to) {
        static View of(String s) {
            View v = new View(s, null, null);
            for (int round = 0; round < 2 && v.text.indexOf('%') >= 0; round++) {
                v = v.then(percentDecoded(v.text));
            }
            Folded f = Folded.of(v.text);
            if (f.identity()) {
                return v;
            }
            int n = f.text().length();
            int[] from = new int[n];
            int[] to = new int[n];
            for (int k = 0; k < n; k++) {
                Span sp = f.original(new Span(k, k + 1, Placeholder.ID, "fold"));
                from[k] = sp.start();
                to[k] = sp.end();
            }
            return v.then(new View(f.text(), from, to));
        }

        /** {@code inner} maps into this view's text; the result maps into the original. */
        View then(View inner) {
            if (inner.from == null) {
                return this;
            }
            if (from == null) {
                return inner;
            }
            int n = inner.text.length();
            int[] f = new int[n];
            int[] t = new int[n];
            for (int k = 0; k < n; k++) {
                f[k] = from[inner.from[k]];
                t[k] = to[inner.to[k] - 1];
            }
            return new View(inner.text, f, t);
        }

        int start(int k) {
            return from == null ? k : from[k];
        }

        int end(int k) {
            return from == null ? k : to[k - 1];
        }

        static View percentDecoded(String s) {
            int n = s.length();
            StringBuilder sb = new StringBuilder(n);
            int[] from = new int[n];
            int[] to = new int[n];
            boolean changed = false;
            for (int i = 0; i < n; ) {
                int k = sb.length();
                if (s.charAt(i) == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                    sb.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                    from[k] = i;
                    to[k] = i + 3;
                    i += 3;
                    changed = true;
                } else {
                    sb.append(s.charAt(i));
                    from[k] = i;
                    to[k] = i + 1;
                    i++;
                }
            }
            return changed ? new View(sb.toString(), from, to) : new View(s, null, null);
        }

        private static int hex(char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
