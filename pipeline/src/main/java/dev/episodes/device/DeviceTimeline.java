package dev.episodes.device;

import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.SecureFieldRedaction;
import dev.episodes.reduction.ActionReducer;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.EpisodeIds;
import dev.episodes.session.SessionRules;
import dev.episodes.session.Sessionizer;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything that happens to one person's events on one device once they are in order: reduction to
 * steps paired with their context, the secure-field gate, and sessionization into episodes under
 * pseudonyms. Pure and deterministic: the same ordered events give the same episodes.
 */
public final class DeviceTimeline {
    private final SessionRules rules;
    private final ActionReducer reducer;
    private final Sessionizer sessionizer;
    private String userId;
    private String deviceId;

    public DeviceTimeline(SessionRules rules) {
        this(rules, new ActionReducer(rules.gapUs()));
    }

    private DeviceTimeline(SessionRules rules, ActionReducer reducer) {
        this.rules = rules;
        this.reducer = reducer;
        this.sessionizer = new Sessionizer(rules);
    }

    public void accept(RawEvent event, Pseudonymizer pseudonyms, Consumer<Episode> out) {
        if (userId == null) {
            userId = event.userId();
            deviceId = event.deviceId();
        }
        reducer.accept(event, step -> toSession(step, pseudonyms, out));
    }

    public void advanceTo(long watermarkUs, Pseudonymizer pseudonyms, Consumer<Episode> out) {
        reducer.advanceTo(watermarkUs, step -> toSession(step, pseudonyms, out));
        sessionizer.advanceTo(watermarkUs, reducer.lastRawTsUs(), steps -> out.accept(episode(steps, pseudonyms)));
    }

    public void finish(Pseudonymizer pseudonyms, Consumer<Episode> out) {
        reducer.finish(step -> toSession(step, pseudonyms, out));
        sessionizer.finish(steps -> out.accept(episode(steps, pseudonyms)));
    }

    /** The earliest event time at which {@link #advanceTo} has something to do, or MAX_VALUE. */
    public long nextDeadlineUs() {
        return Math.min(reducer.nextDeadlineUs(), sessionizer.deadlineUs(reducer.lastRawTsUs()));
    }

    /** True when nothing is pending and no episode is open: only the last UI context is remembered. */
    public boolean isIdle() {
        return !reducer.hasPending() && !sessionizer.isOpen();
    }

    private void toSession(Step step, Pseudonymizer pseudonyms, Consumer<Episode> out) {
        Step redacted = SecureFieldRedaction.apply(step);
        sessionizer.accept(redacted, steps -> out.accept(episode(steps, pseudonyms)));
    }

    private Episode episode(List<Step> steps, Pseudonymizer pseudonyms) {
        String user = pseudonyms.user(userId);
        String device = pseudonyms.device(deviceId);
        return new Episode(EpisodeIds.of(user, device, steps.get(0)), user, device, steps);
    }

    public void writeTo(DataOutput out) throws IOException {
        StateIO.writeString(out, userId);
        StateIO.writeString(out, deviceId);
        reducer.writeTo(out);
        sessionizer.writeTo(out);
    }

    public static DeviceTimeline readFrom(DataInput in, SessionRules rules) throws IOException {
        String user = StateIO.readString(in);
        String device = StateIO.readString(in);
        DeviceTimeline t = new DeviceTimeline(rules, ActionReducer.readFrom(in));
        t.userId = user;
        t.deviceId = device;
        t.sessionizer.readFrom(in);
        return t;
    }
}
