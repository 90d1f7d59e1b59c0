package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 digits, optionally grouped by spaces, dashes, dots or slashes (up to three
 * separator characters between groups, "4111 - 1111"; no-break spaces arrive folded), with a known issuer
 * prefix (Visa, Mastercard incl. 2221–2720, Amex, Discover, JCB, Diners, UnionPay) and a valid Luhn
 * checksum. A run of digit groups is tried whole and then by its sub-runs, so a card followed by
 * other numbers is still found.
 */
public final class CreditCardDetector implements Detector {
    private static final Pattern RUN = Pattern.compile("(?<![0-9])[0-9]+(?:[ ./-]{1,3}[0-9]+)*(?![0-9])");

    @Override
    public void find(String text, List<Span> out) {
        if (Digits.count(text) < 13) {
            return;
        }
        Matcher m = RUN.matcher(text);
        while (m.find()) {
            findInRun(text, m.start(), m.end(), out);
        }
    }

    private static void findInRun(String text, int from, int to, List<Span> out) {
        List<int[]> groups = new ArrayList<>(); // [start, end) of each digit group
        int i = from;
        while (i < to) {
            int j = i;
            while (j < to && Character.isDigit(text.charAt(j))) {
                j++;
            }
            groups.add(new int[] {i, j});
            i = j;
            while (i < to && !Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        int g = 0;
        while (g < groups.size()) {
            int matchedEnd = -1;
            StringBuilder digits = new StringBuilder(19);
            for (int k = g; k < groups.size(); k++) {
                digits.append(text, groups.get(k)[0], groups.get(k)[1]);
                if (digits.length() > 19) {
                    break;
                }
                if (digits.length() >= 13 && isCard(digits)) {
                    matchedEnd = k; // keep looking: prefer the longest valid run
                }
            }
            if (matchedEnd >= 0) {
                out.add(new Span(groups.get(g)[0], groups.get(matchedEnd)[1], Placeholder.CREDIT_CARD, "credit-card"));
                g = matchedEnd + 1;
            } else {
                g++;
            }
        }
    }

    static boolean isCard(CharSequence d) {
        int len = d.length();
        int p2 = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
        int p3 = p2 * 10 + (d.charAt(2) - '0');
        int p4 = p3 * 10 + (d.charAt(3) - '0');
        boolean issuer = (d.charAt(0) == '4' && (len == 13 || len == 16 || len == 19))      // Visa
                || (p2 >= 51 && p2 <= 55 && len == 16) || (p4 >= 2221 && p4 <= 2720 && len == 16) // Mastercard
                || ((p2 == 34 || p2 == 37) && len == 15)                                        // Amex
                || ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649)) && len >= 16)          // Discover
                || (p4 >= 3528 && p4 <= 3589 && len >= 16)                                      // JCB
                || (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38) && len >= 14)           // Diners
                || (p2 == 62 && len >= 16);                                                     // UnionPay
        return issuer && Digits.luhn(d);
    }
}
