package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers written {@code AAA-GG-SSSS} (or with spaces, dots or slashes, the same
 * separator twice; no-break spaces arrive folded to spaces), and nine bare digits when a label says what
 * they are ("SSN 536221234", "social security no. ..."). Never issued forms are rejected: area 000, 666
 * or 9xx, group 00, serial 0000, one digit repeated, and the advertising number 123-45-6789.
 */
public final class SsnDetector implements Detector {
    private static final Pattern SSN = Pattern.compile("(?<![0-9])([0-9]{3})([- ./])([0-9]{2})\\2([0-9]{4})(?![0-9])");
    /** A label, then at most 24 characters without digits or a line break, then exactly nine digits. */
    private static final Pattern LABELLED = Pattern.compile("(?i)(?<![a-z])(?:ssn|ss#|ssan|social[ -]?security"
            + "|soc\\.? ?sec\\.?|numero de seguro social|número de seguro social|sozialversicherung)[^0-9\\n]{0,24}?"
            + "(?<![0-9])([0-9]{3})([0-9]{2})([0-9]{4})(?![0-9])");

    @Override
    public void find(String text, List<Span> out) {
        if (Digits.count(text) < 9) {
            return;
        }
        Matcher m = SSN.matcher(text);
        while (m.find()) {
            if (valid(m.group(1), m.group(3), m.group(4))) {
                out.add(new Span(m.start(), m.end(), Placeholder.SSN, "us-ssn"));
            }
        }
        if (!labelled(text)) {
            return;
        }
        Matcher l = LABELLED.matcher(text);
        while (l.find()) {
            if (valid(l.group(1), l.group(2), l.group(3))) {
                out.add(new Span(l.start(1), l.end(3), Placeholder.SSN, "us-ssn-labelled"));
            }
        }
    }

    /** Cheap gate before the labelled pattern: nine digits in a row, and some label's first letter. */
    private static boolean labelled(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            if (run == 9) {
                return text.indexOf('s') >= 0 || text.indexOf('S') >= 0;
            }
        }
        return false;
    }

    static boolean valid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        String all = area + group + serial;
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000")
                && !all.chars().allMatch(c -> c == all.charAt(0)) && !all.equals("123456789");
    }
}
