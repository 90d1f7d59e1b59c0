package dev.episodes.session;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.FramePlan;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A closed episode: one device's steps, in order, under pseudonyms. Never split across files. {@code split}
 * is the training split, decided from the stable pseudonym before an identity scope replaces it (null:
 * not yet, the writer decides from {@code user}). When
 * frames are on, {@code plan} says which screenshot each step's frame comes from and what to mask (set
 * when the episode closes), and {@code frames} holds the frames made from it (set by the frames stage);
 * both null otherwise.
 */
public record Episode(String episodeId, String user, String device, List<Step> steps, FramePlan plan,
        EpisodeFrames frames, String split) {

    public Episode {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an episode has at least one step");
        }
        steps = List.copyOf(steps);
        if (plan != null && plan.steps().size() != steps.size()) {
            throw new IllegalArgumentException("a frame plan has one entry per step");
        }
        if (frames != null && frames.stepFrameIds().size() != steps.size()) {
            throw new IllegalArgumentException("an episode's frames name one frame id (or none) per step");
        }
    }

    /** An episode whose split is not decided yet (the writer decides it from {@code user}). */
    public Episode(String episodeId, String user, String device, List<Step> steps, FramePlan plan,
            EpisodeFrames frames) {
        this(episodeId, user, device, steps, plan, frames, null);
    }

    public Episode(String episodeId, String user, String device, List<Step> steps) {
        this(episodeId, user, device, steps, null, null);
    }

    public Episode withPlan(FramePlan p) {
        return new Episode(episodeId, user, device, steps, p, frames, split);
    }

    public Episode withFrames(EpisodeFrames f) {
        return new Episode(episodeId, user, device, steps, plan, f, split);
    }

    /** This episode under the pseudonyms its identity scope writes, in split {@code s} (see ScopedIdentity). */
    public Episode withIdentity(String u, String d, String s) {
        return new Episode(episodeId, u, d, steps, plan, frames, s);
    }

    /** As {@link #withIdentity(String, String, String)}, under a derived episode id and its frames' ids. */
    public Episode withIdentity(String id, String u, String d, EpisodeFrames f, String s) {
        return new Episode(id, u, d, steps, plan, f, s);
    }

    /** This episode with these steps (as many, in the same order: what the scopes rewrite in their strings). */
    public Episode withSteps(List<Step> newSteps) {
        if (newSteps.size() != steps.size()) {
            throw new IllegalArgumentException("the same number of steps");
        }
        return new Episode(episodeId, user, device, newSteps, plan, frames, split);
    }

    /** Frame id of step {@code index}, or null (frames off, no screenshot, or it failed). */
    public String frameIdOf(int index) {
        return frames == null ? null : frames.frameIdOf(index);
    }

    public long startTsUs() {
        return steps.get(0).tsUs();
    }

    public long endTsUs() {
        long end = Long.MIN_VALUE;
        for (Step s : steps) {
            end = Math.max(end, s.endTsUs());
        }
        return end;
    }

    /** Apps in order of first use. */
    public List<String> apps() {
        Set<String> apps = new LinkedHashSet<>();
        for (Step s : steps) {
            if (s.context().app() != null) {
                apps.add(s.context().app());
            }
        }
        return new ArrayList<>(apps);
    }

    public int redactionCount() {
        int n = 0;
        for (Step s : steps) {
            n += s.redactions().size();
        }
        return n;
    }
}
