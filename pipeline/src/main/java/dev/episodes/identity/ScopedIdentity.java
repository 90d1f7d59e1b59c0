package dev.episodes.identity;

import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.session.Episode;
import dev.episodes.split.Splits;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Gives a closed episode the pseudonyms its identity scope writes: derived with the key from the stable
 * pseudonym and the episode id ({@code episode}) or the episode's UTC start date ({@code day}), so they
 * are unlinkable without the key and still found by an operator who has it (erasure). The split is
 * decided here, from the stable pseudonym, and travels with the episode; the stable pseudonym itself
 * goes no further.
 */
public record ScopedIdentity(IdentityScope scope, Pseudonymizer key, Splits splits) implements Serializable {

    public Episode apply(Episode e) {
        String split = e.split() != null ? e.split() : splits.of(e.user());
        LocalDate day = dayOf(e.startTsUs());
        return e.withIdentity(user(e.user(), e.episodeId(), day), device(e.device(), e.episodeId(), day), split);
    }

    /** The {@code user} value written for a person's (stable pseudonym) episode. */
    public String user(String stableUser, String episodeId, LocalDate day) {
        return scoped(stableUser, episodeId, day);
    }

    public String device(String stableDevice, String episodeId, LocalDate day) {
        return scoped(stableDevice, episodeId, day);
    }

    private String scoped(String stable, String episodeId, LocalDate day) {
        return switch (scope) {
            case STABLE -> stable;
            case EPISODE -> key.scoped(stable, "episode:" + episodeId);
            case DAY -> key.scoped(stable, "day:" + day);
        };
    }

    /** The UTC date an episode started on (its partition). */
    public static LocalDate dayOf(long tsUs) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(tsUs, 1_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
