package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Step;

/**
 * Replaces a person's raw user and device ids wherever they appear as whole tokens in a step's strings
 * (recorders put device ids in screenshot paths, people type their ids) with their pseudonyms, so no
 * column can re-identify what the {@code user} and {@code device} columns hide.
 */
public final class RawIds {
    private RawIds() {}

    public static Step pseudonymize(Step s, String userId, String user, String deviceId, String device) {
        UiContext c = s.context();
        String title = both(c.windowTitle(), userId, user, deviceId, device);
        String url = both(c.url(), userId, user, deviceId, device);
        String name = both(c.elementName(), userId, user, deviceId, device);
        String shot = both(c.screenshotRef(), userId, user, deviceId, device);
        String text = both(s.text(), userId, user, deviceId, device);
        boolean contextSame = title == c.windowTitle() && url == c.url() && name == c.elementName()
                && shot == c.screenshotRef();
        if (contextSame && text == s.text()) {
            return s;
        }
        Step out = s;
        if (!contextSame) {
            out = out.withContext(new UiContext(c.app(), title, url, c.elementRole(), name, shot, c.screenW(),
                    c.screenH(), c.secure(), c.elementX(), c.elementY()), java.util.List.of());
        }
        return text == s.text() ? out : out.withText(text, out.endTsUs(), java.util.List.of());
    }

    private static String both(String s, String userId, String user, String deviceId, String device) {
        return replace(replace(s, userId, user), deviceId, device);
    }

    /** {@code raw} replaced where it stands as a whole token (not inside a longer id); same instance if absent. */
    static String replace(String s, String raw, String pseudonym) {
        if (s == null || raw == null || raw.isEmpty() || !s.contains(raw)) {
            return s;
        }
        StringBuilder sb = null;
        int copied = 0;
        int search = 0;
        int at;
        while ((at = s.indexOf(raw, search)) >= 0) {
            int end = at + raw.length();
            boolean whole = (at == 0 || !part(s.charAt(at - 1))) && (end == s.length() || !part(s.charAt(end)));
            if (whole) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 32);
                }
                sb.append(s, copied, at).append(pseudonym);
                copied = end;
                search = end;
            } else {
                search = at + 1;
            }
        }
        return sb == null ? s : sb.append(s, copied, s.length()).toString();
    }

    private static boolean part(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
