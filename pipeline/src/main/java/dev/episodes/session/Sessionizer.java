package dev.episodes.session;

import dev.episodes.redaction.SecretTiming;
import dev.episodes.reduction.Step;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts one device's ordered steps into episodes: a new episode starts when the silence between raw
 * events before a step exceeds the gap, when the step would make the episode longer than the cap, or
 * (optionally) when the app or window changes. The open episode closes once event time passes the
 * device's last raw event plus the gap. A closed episode's secrets take no time ({@link SecretTiming}).
 *
 * <p>State is what the cut needs of the open episode (its start, the last step's app and window, its
 * length: a few bytes, not the steps, which may carry hundreds of event ids); its steps go to {@link OpenSteps},
 * appended and read once at the close. Rules are configuration, bound by the job ({@link #bind}), never
 * part of the state.
 */
public final class Sessionizer {
    private SessionRules rules;
    private OpenSteps steps;
    private long firstTsUs;
    private String lastApp;
    private String lastTitle;
    private int count;

    public Sessionizer(SessionRules rules) {
        this(rules, OpenSteps.inMemory());
    }

    public Sessionizer(SessionRules rules, OpenSteps steps) {
        this.rules = rules;
        this.steps = steps;
    }

    /** The job's rules and where the open episode's steps are (restored state carries neither). */
    public void bind(SessionRules rules, OpenSteps steps) {
        this.rules = rules;
        this.steps = steps;
    }

    public boolean isOpen() {
        return count > 0;
    }

    public void accept(Step step, Consumer<List<Step>> closed) {
        if (count > 0 && startsNewEpisode(step)) {
            close(closed);
        }
        if (count == 0) {
            firstTsUs = step.tsUs();
        }
        lastApp = step.context().app();
        lastTitle = step.context().windowTitle();
        count++;
        steps.add(step);
    }

    /** Event time reached {@code watermarkUs}; the device's latest raw event was at {@code lastRawTsUs}. */
    public void advanceTo(long watermarkUs, long lastRawTsUs, Consumer<List<Step>> closed) {
        if (count > 0 && watermarkUs >= deadlineUs(lastRawTsUs)) {
            close(closed);
        }
    }

    public long deadlineUs(long lastRawTsUs) {
        return count == 0 ? Long.MAX_VALUE : lastRawTsUs + rules.gapUs();
    }

    public void finish(Consumer<List<Step>> closed) {
        if (count > 0) {
            close(closed);
        }
    }

    private boolean startsNewEpisode(Step step) {
        if (step.gapBeforeUs() > rules.gapUs()) {
            return true;
        }
        if (step.endTsUs() - firstTsUs > rules.maxLengthUs()) {
            return true;
        }
        return switch (rules.splitOn()) {
            case NONE -> false;
            case APP -> !Objects.equals(lastApp, step.context().app());
            case WINDOW -> !Objects.equals(lastApp, step.context().app())
                    || !Objects.equals(lastTitle, step.context().windowTitle());
        };
    }

    private void close(Consumer<List<Step>> closed) {
        List<Step> all = steps.takeAll();
        lastApp = null;
        lastTitle = null;
        count = 0;
        if (!all.isEmpty()) { // empty only if the steps' state was lost: nothing to close then
            closed.accept(SecretTiming.collapse(all)); // timing is cut only here: cuts above use real times
        }
    }

    /** The open episode's head (length, start, the last step's app and window); its steps are in {@link OpenSteps}. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(count);
        if (count > 0) {
            out.writeLong(firstTsUs);
            StateIO.writeString(out, lastApp);
            StateIO.writeString(out, lastTitle);
        }
    }

    public void readFrom(DataInput in) throws IOException {
        count = in.readInt();
        firstTsUs = count > 0 ? in.readLong() : 0L;
        lastApp = count > 0 ? StateIO.readString(in) : null;
        lastTitle = count > 0 ? StateIO.readString(in) : null;
    }
}
