package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * IBANs: country code, two check digits, then exactly the country's BBAN length of letters and digits
 * (up to three spaces, dashes, dots or slashes allowed between characters; no-break spaces arrive folded
 * to spaces), passing the ISO 13616 mod-97 check.
 */
public final class IbanDetector implements Detector {
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);
    /** Total IBAN length by country (SWIFT IBAN registry). */
    static final Map<String, Integer> LENGTH = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    @Override
    public void find(String text, List<Span> out) {
        if (Digits.count(text) < 6) {
            return;
        }
        int n = text.length();
        int searchFrom = 0;
        // two letters and two digits at a word start, found by hand: the regular expression this replaces
        // was the costliest part of scanning a clean sentence
        for (int at = 0; at + 4 <= n; at++) {
            if (at < searchFrom || !asciiLetter(text.charAt(at)) || !asciiLetter(text.charAt(at + 1))
                    || !asciiDigit(text.charAt(at + 2)) || !asciiDigit(text.charAt(at + 3))
                    || (at > 0 && asciiLetterOrDigit(text.charAt(at - 1)))) {
                continue;
            }
            String country = new String(new char[] {Character.toUpperCase(text.charAt(at)),
                    Character.toUpperCase(text.charAt(at + 1))});
            Integer length = LENGTH.get(country);
            if (length == null) {
                continue;
            }
            StringBuilder iban = new StringBuilder(34).append(country).append(text, at + 2, at + 4);
            int i = at + 4;
            while (iban.length() < length && i < text.length()) {
                char c = text.charAt(i);
                if (Character.isLetterOrDigit(c) && c < 128) {
                    iban.append(Character.toUpperCase(c));
                    i++;
                } else if (separator(c)) {
                    int j = i;
                    while (j < text.length() && j - i < 3 && separator(text.charAt(j))) {
                        j++; // "DE89 3704", "DE89-3704", "DE89 - 3704"
                    }
                    if (j >= text.length() || !Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) >= 128) {
                        break;
                    }
                    i = j;
                } else {
                    break;
                }
            }
            boolean boundary = i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
            if (iban.length() == length && boundary && mod97(iban)) {
                out.add(new Span(at, i, Placeholder.IBAN, "iban"));
                searchFrom = i;
            }
        }
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiLetterOrDigit(char c) {
        return asciiLetter(c) || asciiDigit(c);
    }

    private static boolean separator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/';
    }

    static boolean mod97(CharSequence iban) {
        StringBuilder numeric = new StringBuilder(iban.length() * 2);
        String rearranged = iban.subSequence(4, iban.length()).toString() + iban.subSequence(0, 4);
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else {
                numeric.append(c - 'A' + 10);
            }
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
