package dev.episodes.split;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assigns each person to one training split by hashing their pseudonym, so a person is never in two
 * splits and the assignment is the same in every partition and every rebuild. A person moves only when
 * the fractions or the pseudonym key change (a new key means new pseudonyms; see key rotation).
 */
public record Splits(LinkedHashMap<String, Double> fractions) implements Serializable {
    public static final Splits DEFAULT = parse("train=0.8,validation=0.1,test=0.1");

    public Splits {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("--splits needs at least one name=fraction");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            if (!e.getKey().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("split names are lower case letters, digits and _, got '" + e.getKey() + "'");
            }
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("split fraction of " + e.getKey() + " must be >= 0, got " + e.getValue());
            }
            sum += e.getValue();
        }
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("split fractions must add up to 1, got " + sum + " in " + fractions);
        }
        fractions = new LinkedHashMap<>(fractions);
    }

    /** {@code train=0.8,validation=0.1,test=0.1}: order matters (it fixes which hash range goes where). */
    public static Splits parse(String spec) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--splits takes name=fraction,..., got '" + spec + "'");
            }
            try {
                if (m.put(kv[0].trim(), Double.parseDouble(kv[1].trim())) != null) {
                    throw new IllegalArgumentException("split '" + kv[0].trim() + "' named twice in '" + spec + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split fraction must be a number, got '" + kv[1] + "' in '" + spec + "'");
            }
        }
        return new Splits(m);
    }

    /** The split of a person, from their pseudonym. */
    public String of(String userPseudonym) {
        double u = unit(userPseudonym);
        double upTo = 0;
        String last = null;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            upTo += e.getValue();
            if (e.getValue() > 0) {
                last = e.getKey();
                if (u < upTo) {
                    return e.getKey();
                }
            }
        }
        return last; // rounding at the top end
    }

    public String spec() {
        StringBuilder b = new StringBuilder();
        fractions.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /** A uniform number in [0, 1) from the SHA-256 of the pseudonym (independent of its format). */
    private static double unit(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (d[i] & 0xff);
            }
            return (bits >>> 3) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
