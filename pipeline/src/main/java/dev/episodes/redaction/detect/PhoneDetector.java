package dev.episodes.redaction.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.episodes.redaction.Placeholder;
import java.util.List;

/**
 * Phone numbers in international and national formats, validated by Google's libphonenumber against
 * its offline metadata (numbers without a country code are read in {@code defaultRegion}).
 */
public final class PhoneDetector implements Detector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneDetector(String defaultRegion) {
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion + "' (use ISO codes: US, GB, DE...)");
        }
        this.defaultRegion = defaultRegion;
    }

    @Override
    public void find(String text, List<Span> out) {
        if (Digits.count(text) < 7) {
            return;
        }
        for (PhoneNumberMatch m : UTIL.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.VALID, 1000)) {
            out.add(new Span(m.start(), m.end(), Placeholder.PHONE, "phone"));
        }
    }
}
