package dev.episodes.redaction.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in international and national formats, validated by Google's libphonenumber against
 * its offline metadata (numbers without a country code are read in {@code defaultRegion}).
 */
public final class PhoneDetector implements Detector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern CANDIDATE = Pattern.compile("[+(]?[0-9][0-9 ().\\-/]{5,}[0-9]");
    private final String defaultRegion;

    public PhoneDetector(String defaultRegion) {
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "' (use ISO codes: US, GB, DE...)");
        }
        this.defaultRegion = defaultRegion;
    }

    /** Runs after the other detectors: {@code out} may already hold their spans, which are skipped. */
    @Override
    public void find(String text, List<Span> out) {
        if (Digits.longestRun(text) < 7) {
            return; // libphonenumber is the costliest detector: only strings that could hold a number reach it
        }
        // libphonenumber's cost grows with the text it scans: hand it only the stretches that could be
        // numbers, with one character of context on each side for its own boundary checks.
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            int digits = Digits.count(candidate.group());
            if (digits < 7 || digits > 17 || covered(candidate.start(), candidate.end(), out)) {
                continue; // too short or long for a phone number, or already a card, IBAN or SSN
            }
            int from = Math.max(0, candidate.start() - 1);
            int to = Math.min(text.length(), candidate.end() + 1);
            for (PhoneNumberMatch m : UTIL.findNumbers(text.substring(from, to), defaultRegion,
                    PhoneNumberUtil.Leniency.VALID, 100)) {
                out.add(new Span(from + m.start(), from + m.end(), Placeholder.PHONE, "phone"));
            }
        }
    }

    private static boolean covered(int start, int end, List<Span> found) {
        for (Span s : found) {
            if (s.start() <= start && end <= s.end()) {
                return true;
            }
        }
        return false;
    }
}
