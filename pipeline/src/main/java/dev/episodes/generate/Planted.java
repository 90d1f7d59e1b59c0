package dev.episodes.generate;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Labeled sensitive values and look-alikes for the redaction evaluation: every value planted is
 * recorded by kind, so a test can prove none reaches a shard, and every look-alike is recorded so a
 * test can measure how much ordinary text survives.
 */
public final class Planted {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String[] FIRST = {"alex", "sam", "jordan", "riley", "casey", "morgan", "taylor", "jamie"};
    private static final String[] LAST = {"morgan", "lee", "park", "chen", "garcia", "novak", "okafor", "silva"};

    final Map<String, Set<String>> secrets = new LinkedHashMap<>();
    final Set<String> lookAlikes = new LinkedHashSet<>();

    String record(String kind, String value) {
        secrets.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(value);
        return value;
    }

    String lookAlike(String value) {
        lookAlikes.add(value);
        return value;
    }

    static String card(Random rnd) {
        String[] prefixes = {"4", "51", "55", "2221", "2720", "6011", "34", "37"};
        String prefix = prefixes[rnd.nextInt(prefixes.length)];
        int length = prefix.startsWith("3") ? 15 : 16;
        StringBuilder d = new StringBuilder(prefix);
        while (d.length() < length - 1) {
            d.append(rnd.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            if (luhn(d + String.valueOf(check))) {
                d.append(check);
                break;
            }
        }
        String sep = switch (rnd.nextInt(3)) {
            case 0 -> " ";
            case 1 -> "-";
            default -> "";
        };
        return group(d.toString(), length == 15 ? new int[] {4, 6, 5} : new int[] {4, 4, 4, 4}, sep);
    }

    /** 16 digits with a Visa prefix that fail Luhn: an order number, not a card. */
    static String orderNumber(Random rnd) {
        while (true) {
            StringBuilder d = new StringBuilder("4");
            while (d.length() < 16) {
                d.append(rnd.nextInt(10));
            }
            if (!luhn(d)) {
                return d.toString();
            }
        }
    }

    static String iban(Random rnd) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(rnd.nextInt(10));
        }
        // ISO 13616: check digits make (BBAN + "DE" + check) mod 97 == 1.
        BigInteger n = new BigInteger(bban + "1314" + "00");
        int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
        String iban = "DE" + String.format("%02d", check) + bban;
        return rnd.nextBoolean() ? group(iban, new int[] {4, 4, 4, 4, 4, 2}, " ") : iban;
    }

    static String ssn(Random rnd) {
        int area = 1 + rnd.nextInt(665);
        if (area == 666) {
            area = 667;
        }
        String sep = new String[] {"-", " ", "."}[rnd.nextInt(3)];
        return String.format("%03d%s%02d%s%04d", area, sep, 1 + rnd.nextInt(99), sep, 1 + rnd.nextInt(9998));
    }

    static String email(Random rnd) {
        return FIRST[rnd.nextInt(FIRST.length)] + "." + LAST[rnd.nextInt(LAST.length)] + (10 + rnd.nextInt(90))
                + "@corp-example.com";
    }

    static String phone(Random rnd) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        String[] areas = {"212", "415", "617", "312", "206"};
        while (true) {
            String national = areas[rnd.nextInt(areas.length)] + (2 + rnd.nextInt(8)) + digits(rnd, 6);
            String formatted = switch (rnd.nextInt(3)) {
                case 0 -> "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
                case 1 -> "+1 " + national.substring(0, 3) + "-" + national.substring(3, 6) + "-" + national.substring(6);
                default -> national.substring(0, 3) + "." + national.substring(3, 6) + "." + national.substring(6);
            };
            try {
                if (util.isValidNumber(util.parse(formatted, "US"))) {
                    return formatted;
                }
            } catch (com.google.i18n.phonenumbers.NumberParseException e) {
                // try another
            }
        }
    }

    static List<String> secrets(Random rnd) {
        List<String> out = new ArrayList<>();
        out.add("AKIA" + random(rnd, UPPER_DIGITS, 16));
        out.add("ghp_" + random(rnd, ALNUM, 36));
        out.add("glpat-" + random(rnd, ALNUM, 20));
        out.add("sk_live_" + random(rnd, ALNUM, 24));
        out.add("xoxb-" + digits(rnd, 12) + "-" + random(rnd, ALNUM, 24));
        out.add("sk-ant-api03-" + random(rnd, ALNUM, 40));
        out.add("AIza" + random(rnd, ALNUM, 35));
        out.add(jwt(rnd));
        return out;
    }

    static String jwt(Random rnd) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String payload = b64.encodeToString(("{\"sub\":\"" + digits(rnd, 10) + "\",\"iat\":" + digits(rnd, 10) + "}")
                .getBytes());
        return header + "." + payload + "." + random(rnd, ALNUM, 43);
    }

    static String password(Random rnd) {
        return "Pw" + random(rnd, ALNUM + "!#%*", 12);
    }

    static String gitHash(Random rnd) {
        return random(rnd, "0123456789abcdef", 40);
    }

    static String random(Random rnd, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String digits(Random rnd, int n) {
        return random(rnd, "0123456789", n);
    }

    private static String group(String digits, int[] sizes, String sep) {
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int size : sizes) {
            if (at > 0) {
                sb.append(sep);
            }
            sb.append(digits, at, Math.min(digits.length(), at + size));
            at += size;
        }
        return sb.toString();
    }

    private static boolean luhn(CharSequence d) {
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (dbl) {
                v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
