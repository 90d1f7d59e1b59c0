package dev.episodes.session;

import dev.episodes.redaction.SecretTiming;
import dev.episodes.reduction.Step;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts one device's ordered steps into episodes: a new episode starts when the silence between raw
 * events before a step exceeds the gap, when the step would make the episode longer than the cap, or
 * (optionally) when the app or window changes. The open episode closes once event time passes the
 * device's last raw event plus the gap. A closed episode's secrets take no time ({@link SecretTiming}).
 */
public final class Sessionizer {
    private final SessionRules rules;
    private final List<Step> open = new ArrayList<>();

    public Sessionizer(SessionRules rules) {
        this.rules = rules;
    }

    public boolean isOpen() {
        return !open.isEmpty();
    }

    public void accept(Step step, Consumer<List<Step>> closed) {
        if (!open.isEmpty() && startsNewEpisode(step)) {
            close(closed);
        }
        open.add(step);
    }

    /** Event time reached {@code watermarkUs}; the device's latest raw event was at {@code lastRawTsUs}. */
    public void advanceTo(long watermarkUs, long lastRawTsUs, Consumer<List<Step>> closed) {
        if (!open.isEmpty() && watermarkUs >= deadlineUs(lastRawTsUs)) {
            close(closed);
        }
    }

    public long deadlineUs(long lastRawTsUs) {
        return open.isEmpty() ? Long.MAX_VALUE : lastRawTsUs + rules.gapUs();
    }

    public void finish(Consumer<List<Step>> closed) {
        if (!open.isEmpty()) {
            close(closed);
        }
    }

    private boolean startsNewEpisode(Step step) {
        if (step.gapBeforeUs() > rules.gapUs()) {
            return true;
        }
        if (step.endTsUs() - open.get(0).tsUs() > rules.maxLengthUs()) {
            return true;
        }
        Step last = open.get(open.size() - 1);
        return switch (rules.splitOn()) {
            case NONE -> false;
            case APP -> !Objects.equals(last.context().app(), step.context().app());
            case WINDOW -> !Objects.equals(last.context().app(), step.context().app())
                    || !Objects.equals(last.context().windowTitle(), step.context().windowTitle());
        };
    }

    private void close(Consumer<List<Step>> closed) {
        List<Step> steps = SecretTiming.collapse(List.copyOf(open)); // timing is cut only here: cuts above use real times
        open.clear();
        closed.accept(steps);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(open.size());
        for (Step s : open) {
            StateIO.writeStep(out, s);
        }
    }

    public void readFrom(DataInput in) throws IOException {
        open.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            open.add(StateIO.readStep(in));
        }
    }
}
