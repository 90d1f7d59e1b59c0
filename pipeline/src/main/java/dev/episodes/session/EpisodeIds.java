package dev.episodes.session;

import dev.episodes.reduction.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic episode ids: a hash of the pseudonyms and the first raw event, never of the run. */
public final class EpisodeIds {
    private EpisodeIds() {}

    public static String of(String user, String device, Step first) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String seed = user + '\u0000' + device + '\u0000' + first.tsUs() + '\u0000' + first.eventIds().get(0);
            return HexFormat.of().formatHex(sha.digest(seed.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
