package dev.episodes.session;

import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A closed episode: one device's steps, in order, under pseudonyms. Never split across files. */
public record Episode(String episodeId, String user, String device, List<Step> steps) {

    public Episode {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("an episode has at least one step");
        }
        steps = List.copyOf(steps);
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
