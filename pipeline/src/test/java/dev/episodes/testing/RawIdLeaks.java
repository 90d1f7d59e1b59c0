package dev.episodes.testing;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where raw ids survive in a text, written independently of the pipeline's RawIds: the text
 * percent-decoded (three rounds), NFKC-folded, lower-cased, '_' read as '-', and every run of base64
 * characters decoded from each alignment, both alphabets. An id counts when no letter or digit touches it.
 */
public final class RawIdLeaks {
    private RawIdLeaks() {}

    /** Descriptions of the leaks found ({@code id in form}); empty when none. */
    public static List<String> find(String text, Collection<String> ids) {
        List<String> found = new ArrayList<>();
        String decoded = text;
        for (int i = 0; i < 3; i++) {
            decoded = percentDecode(decoded);
        }
        String plain = normal(decoded);
        List<String> b64 = base64Runs(text);
        b64.addAll(base64Runs(decoded));
        for (String id : ids) {
            Pattern p = Pattern.compile("(?<![a-z0-9])" + Pattern.quote(normal(id)) + "(?![a-z0-9])");
            if (p.matcher(plain).find()) {
                found.add(id + " as text");
            }
            for (String d : b64) {
                if (p.matcher(normal(d)).find()) {
                    found.add(id + " in base64");
                    break;
                }
            }
        }
        return found;
    }

    private static String normal(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String percentDecode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Every run of 4+ base64 characters (and its '/'-separated pieces), decoded from each of 4 offsets. */
    private static List<String> base64Runs(String s) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("[A-Za-z0-9+/_-]{4,}").matcher(s);
        while (m.find()) {
            List<String> pieces = new ArrayList<>(List.of(m.group()));
            for (String piece : m.group().split("/")) {
                pieces.add(piece);
            }
            for (String run : pieces) {
                String std = run.replace('-', '+').replace('_', '/');
                for (int off = 0; off < 4 && std.length() - off >= 4; off++) {
                    String chunk = std.substring(off);
                    chunk = chunk.length() % 4 == 1 ? chunk.substring(0, chunk.length() - 1) : chunk;
                    chunk = chunk + "==".substring(0, (4 - chunk.length() % 4) % 4);
                    try {
                        out.add(new String(java.util.Base64.getDecoder().decode(chunk), StandardCharsets.ISO_8859_1));
                    } catch (IllegalArgumentException notBase64) {
                        // not decodable from here
                    }
                }
            }
        }
        return out;
    }

    /** Every form an id takes in the corpus. */
    public static List<String> forms(String id) {
        String upper = id.toUpperCase();
        String under = id.replace('-', '_');
        String b64 = java.util.Base64.getEncoder().encodeToString(RawIdLeaks.utf8(id));
        String b64Long = java.util.Base64.getEncoder().encodeToString(RawIdLeaks.utf8(id + ":8f2a-session-token"));
        String b64Url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(RawIdLeaks.utf8("{\"sub\":\"" + id + "\"}>>"));
        String b64Mid = java.util.Base64.getEncoder().encodeToString(RawIdLeaks.utf8("tenant=acme;user=" + id + ";role=dev"));
        StringBuilder pct = new StringBuilder();
        for (byte b : RawIdLeaks.utf8(id)) {
            pct.append('%').append(String.format("%02X", b));
        }
        StringBuilder wide = new StringBuilder();
        for (char c : id.toCharArray()) {
            wide.append(c == '-' ? '－' : (char) (c - 0x21 + 0xFF01));
        }
        return List.of(id, upper, under, under.toUpperCase(), id + "-d-99", "x_" + id + "_y", "user=" + id + "&tab=2",
                "/home/" + id + "/", "(" + id + ")", id + ".", "mailto:" + id + "@corp.example",
                id.replace("-", "%2D"), id.replace("-", "%252D"), pct.toString(), wide.toString(),
                b64, b64.replace("=", "%3D"), "/reset/" + b64Long + "/confirm", "?t=" + b64Url + "&x=1",
                "token " + b64Mid, "Bearer " + java.util.Base64.getUrlEncoder().encodeToString(RawIdLeaks.utf8(id + "|" + id)));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
