package dev.episodes.identity;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.EpisodeFraming;
import dev.episodes.frames.StoredFrame;
import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.split.Splits;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a closed episode the ids and pseudonyms its scopes write. Under {@code --identity episode} or
 * {@code day}, or {@code --time relative}, the episode id is derived again with the key from the stable
 * one and the scopes (frame ids follow it): a dataset built from the same input under other scopes (a
 * stable root from before issue 17) shares no id with this one, so nobody joins the two to put back the
 * stable pseudonym or the exact start. {@code user} and {@code device} are derived with the key from the
 * stable pseudonym and the written episode id ({@code episode}) or the episode's UTC start date
 * ({@code day}): unlinkable without the key, found again by an operator who has it (erasure reads the
 * written id). The split is decided here, from the stable pseudonym, and travels with the episode; the
 * stable pseudonym itself goes no further.
 */
public record ScopedIdentity(IdentityScope scope, TimeScope time, Pseudonymizer key, Splits splits)
        implements Serializable {

    public ScopedIdentity {
        time = time == null ? TimeScope.ABSOLUTE : time;
    }

    /** For finding a person's values again (erasure): the time scope changes no {@code user}. */
    public ScopedIdentity(IdentityScope scope, Pseudonymizer key, Splits splits) {
        this(scope, TimeScope.ABSOLUTE, key, splits);
    }

    public Episode apply(Episode e) {
        String split = e.split() != null ? e.split() : splits.of(e.user());
        LocalDate day = dayOf(e.startTsUs());
        String id = episodeId(e.episodeId());
        Episode scoped = e.withIdentity(id, user(e.user(), id, day), device(e.device(), id, day), renamed(e.frames(), id),
                split);
        return scope == IdentityScope.STABLE ? scoped : scoped.withSteps(rescoped(e.steps(), id, day));
    }

    /**
     * Redaction put pseudonyms where ids stood in a step's strings (the person's own, a colleague's): stable
     * ones, the same in every episode. Under {@code episode} and {@code day} each becomes the value its
     * scope gives it here, as the columns do: same length, so redaction offsets still hold.
     */
    private List<Step> rescoped(List<Step> steps, String id, LocalDate day) {
        List<Step> out = new ArrayList<>(steps.size());
        for (Step st : steps) {
            UiContext c = st.context();
            Step next = st;
            String text = rescoped(st.text(), id, day);
            if (text != st.text()) {
                next = next.withText(text, next.endTsUs(), List.of());
            }
            if (c != null) {
                String app = rescoped(c.app(), id, day);
                String title = rescoped(c.windowTitle(), id, day);
                String url = rescoped(c.url(), id, day);
                String role = rescoped(c.elementRole(), id, day);
                String name = rescoped(c.elementName(), id, day);
                if (app != c.app() || title != c.windowTitle() || url != c.url() || role != c.elementRole()
                        || name != c.elementName()) {
                    next = next.withContext(c.withStrings(app, title, url, role, name), List.of());
                }
            }
            out.add(next);
        }
        return out;
    }

    private static final Pattern PSEUDONYM = Pattern.compile("\\b[ud]_[0-9a-f]{32}\\b");

    /** {@code s} with every pseudonym in it scoped; {@code s} itself (the same reference) when it holds none. */
    private String rescoped(String s, String id, LocalDate day) {
        if (s == null || s.indexOf('_') < 0) {
            return s;
        }
        Matcher m = PSEUDONYM.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        do {
            m.appendReplacement(b, Matcher.quoteReplacement(scoped(m.group(), id, day)));
        } while (m.find());
        m.appendTail(b);
        return b.toString();
    }

    /** The episode id written for an episode whose stable id is {@code stableId}: itself only when both scopes are the old ones. */
    public String episodeId(String stableId) {
        if (scope == IdentityScope.STABLE && !time.relative()) {
            return stableId;
        }
        return key.scoped(stableId, "episode-id:" + scope.wire() + ":" + time.wire());
    }

    /** The {@code user} value written for a person's (stable pseudonym) episode of written id {@code episodeId}. */
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

    /** Frame ids are a digest of the episode id and the bytes: under a new episode id, new frame ids. */
    private static EpisodeFrames renamed(EpisodeFrames frames, String episodeId) {
        if (frames == null) {
            return null;
        }
        Map<String, String> to = new HashMap<>();
        List<StoredFrame> stored = new ArrayList<>();
        for (StoredFrame f : frames.frames()) {
            String id = EpisodeFraming.frameId(episodeId, f.image());
            to.put(f.frameId(), id);
            stored.add(new StoredFrame(id, f.image(), f.format(), f.width(), f.height(), f.masks()));
        }
        List<String> steps = new ArrayList<>();
        for (String id : frames.stepFrameIds()) {
            steps.add(id == null ? null : to.get(id));
        }
        return new EpisodeFrames(steps, stored, frames.failures());
    }

    /** The UTC date an episode started on (its partition). */
    public static LocalDate dayOf(long tsUs) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(tsUs, 1_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
