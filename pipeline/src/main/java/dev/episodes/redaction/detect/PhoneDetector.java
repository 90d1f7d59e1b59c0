package dev.episodes.redaction.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in international and national formats, validated by Google's libphonenumber against
 * its offline metadata. Numbers without a country code are read in each configured region in turn
 * ({@code "US"} or {@code "US,DE,GB"}): "030 901820" is a Berlin number only when DE is configured.
 * Every region added widens what national formats are found, and what look-alikes are taken for one.
 */
public final class PhoneDetector implements Detector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern CANDIDATE = Pattern.compile("[+(]?[0-9][0-9 ().\\-/]{5,}[0-9]");
    /** A year then a separator: how dates and dated ids begin, and no dialled number is written. */
    private static final Pattern YEAR_FIRST = Pattern.compile("(?:19|20)[0-9]{2}[-/.]");
    private final String[] regions;

    public PhoneDetector(String regions) {
        this.regions = parse(regions);
    }

    /** One region or a comma-separated list of ISO codes, validated and upper-cased. */
    public static String[] parse(String regions) {
        String[] parts = regions == null ? new String[0] : regions.split(",");
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String p : parts) {
            String r = p.trim().toUpperCase(java.util.Locale.ROOT);
            if (r.isEmpty()) {
                continue;
            }
            if (!UTIL.getSupportedRegions().contains(r)) {
                throw new IllegalArgumentException("unknown phone region '" + p.trim() + "' (use ISO codes: US, GB, DE...)");
            }
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no phone region given (use ISO codes: US, GB, DE...)");
        }
        return out.toArray(new String[0]);
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
            if (partOfId(text, candidate.start()) || YEAR_FIRST.matcher(candidate.group()).lookingAt()) {
                continue; // "PO-2026-004471", "INV_20261127", "2026-11-0042": ids and dates, not numbers to dial
            }
            int from = Math.max(0, candidate.start() - 1);
            int to = Math.min(text.length(), candidate.end() + 1);
            String stretch = text.substring(from, to);
            for (String region : regions) {
                boolean any = false;
                for (PhoneNumberMatch m : UTIL.findNumbers(stretch, region, PhoneNumberUtil.Leniency.VALID, 100)) {
                    out.add(new Span(from + m.start(), from + m.end(), Placeholder.PHONE, "phone"));
                    any = true;
                }
                if (any) {
                    break; // one region's reading is enough
                }
            }
        }
    }

    /** The candidate is glued to a word before it ("PO-", "#", "x"): an identifier's number part. */
    private static boolean partOfId(String text, int start) {
        if (start == 0) {
            return false;
        }
        char before = text.charAt(start - 1);
        if (Character.isLetter(before) || before == '#') {
            return true;
        }
        return (before == '-' || before == '_') && start >= 2 && Character.isLetterOrDigit(text.charAt(start - 2));
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
