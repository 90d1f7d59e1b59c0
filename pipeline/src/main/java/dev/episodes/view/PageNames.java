package dev.episodes.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File names and links of the pages {@code view} writes. An episode page is named for its episode id when
 * the id is a plain name (ours are hex digests), else for a digest of it: an id from the data never
 * becomes a path (no {@code ../}, no separator) or a link with a scheme. Names are injective: a plain name
 * is lower case (a case-insensitive disk would give {@code A} and {@code a} one file) and never starts
 * with {@code sha256-}, the digests' prefix, so no id is named like another id's digest.
 */
public final class PageNames {
    private static final Pattern PLAIN = Pattern.compile("(?!sha256-)(?!.*\\.\\.)[a-z0-9_-][a-z0-9._-]{0,119}");

    private PageNames() {}

    /** {@code episode-<id>.html}, or {@code episode-<digest>.html} for an id that is not a plain name. */
    public static String episodeFile(String episodeId) {
        if (PLAIN.matcher(episodeId).matches()) {
            return "episode-" + episodeId + ".html";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(episodeId.getBytes(StandardCharsets.UTF_8));
            return "episode-sha256-" + HexFormat.of().formatHex(d, 0, 12) + ".html";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The folder of an overview's episode pages: {@code overview.html} keeps them in {@code overview-episodes/}. */
    public static String samplesFolder(String overviewFile) {
        String stem = overviewFile.endsWith(".html") ? overviewFile.substring(0, overviewFile.length() - 5)
                : overviewFile;
        return stem + "-episodes";
    }

    /** A relative link to {@code folder/file}, each part percent-encoded (a space or {@code #} stays a name). */
    public static String href(String folder, String file) {
        return encode(folder) + "/" + encode(file);
    }

    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString(); // a colon is encoded too: a name never reads as a scheme
    }
}
