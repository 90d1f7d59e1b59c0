package dev.episodes.redaction;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed HMAC-SHA256 pseudonyms of people and devices: stable for one key, unlinkable without it. The
 * namespace keeps a user id and an equal device id from mapping to the same pseudonym. The key itself
 * is never exposed; {@link #keyId()} names it in manifests.
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int PSEUDONYM_BYTES = 16;

    private final byte[] key;
    private static final int CACHED = 4096;
    private transient Mac mac;
    /** Recent pseudonyms by namespaced id: an HMAC costs a microsecond or two, and each step needs two. */
    private transient java.util.LinkedHashMap<String, String> recent;

    public Pseudonymizer(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("pseudonym key must be at least 16 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public String user(String userId) {
        return cached("user\u0000" + userId, "u_");
    }

    public String device(String deviceId) {
        return cached("device\u0000" + deviceId, "d_");
    }

    private String cached(String input, String prefix) {
        if (recent == null) {
            recent = new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                    return size() > CACHED;
                }
            };
        }
        String p = recent.get(input);
        if (p == null) {
            p = prefix + hmac(input);
            recent.put(input, p);
        }
        return p;
    }

    /**
     * A pseudonym derived from a stable one and a scope (an episode, a day): HMAC(key, stable | scope),
     * with the stable one's prefix. Without the key, two scoped pseudonyms of one person cannot be linked,
     * nor a scoped one to the stable one. Not cached: one per episode.
     */
    public String scoped(String stablePseudonym, String scope) {
        int underscore = stablePseudonym.indexOf('_');
        String prefix = underscore > 0 && underscore <= 2 ? stablePseudonym.substring(0, underscore + 1) : "";
        return prefix + hmac("scoped\u0000" + stablePseudonym + "\u0000" + scope);
    }

    /** A short public fingerprint of the key (not the key): tells which key built a dataset. */
    public String keyId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hmac(String input) {
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
            byte[] out = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, PSEUDONYM_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonymizer[key=" + keyId() + "]";
    }
}
