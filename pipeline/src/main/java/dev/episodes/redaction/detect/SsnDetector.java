package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers written {@code AAA-GG-SSSS} (or with spaces or dots, the same separator
 * twice). Never issued forms are rejected: area 000, 666 or 9xx, group 00, serial 0000, one digit
 * repeated, and the advertising number 123-45-6789.
 */
public final class SsnDetector implements Detector {
    private static final Pattern SSN = Pattern.compile("(?<![0-9])([0-9]{3})([- .])([0-9]{2})\\2([0-9]{4})(?![0-9])");

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
    }

    static boolean valid(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        String all = area + group + serial;
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000")
                && !all.chars().allMatch(c -> c == all.charAt(0)) && !all.equals("123456789");
    }
}
