package dev.episodes.view;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The frame of every page: one self-contained document whose Content-Security-Policy lets nothing be
 * fetched ({@code default-src 'none'}; images only from {@code data:}) and runs only the page's own style
 * and script, by their SHA-256. Should an escape ever fail, an injected script, handler or link target
 * still neither runs nor loads: the policy is the second wall behind {@link Html}.
 */
final class PageShell {
    private PageShell() {}

    static String document(String title, String css, String body, String script) {
        String policy = "default-src 'none'; img-src data:; style-src '" + hash(css) + "'; script-src "
                + (script.isEmpty() ? "'none'" : "'" + hash(script) + "'")
                + "; base-uri 'none'; form-action 'none'";
        StringBuilder out = new StringBuilder(body.length() + css.length() + script.length() + 512);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(policy).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n")
                .append(body);
        if (!script.isEmpty()) {
            out.append("<script>").append(script).append("</script>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** A CSP source expression for an inline block: its SHA-256 in base64. */
    static String hash(String inline) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
