package dev.episodes.device;

import dev.episodes.event.RawEvent;
import dev.episodes.masking.MaskPlanner;
import dev.episodes.redaction.SecureFieldRedaction;
import dev.episodes.redaction.TypingVisits;
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

/**
 * Everything that happens to one person's events on one device once they are in order: reduction to
 * steps paired with their context; the secure-field gate; the scope policy and deny-list (a step out of
 * scope leaves nothing but a count, and closes the open episode); detection over each visit's
 * typing and over context strings; sessionization into episodes under pseudonyms; with frames on,
 * each episode's mask plan (what to fill on which screenshot, see {@link MaskPlanner}). Pure and
 * deterministic: the same ordered events give the same episodes. The open episode's steps and the mask
 * memory live in {@link DeviceStores}; rules and stores are bound by the job ({@link #bind}), not state.
 */
public final class DeviceTimeline {
    private SessionRules rules;
    private DeviceStores stores;
    private final ActionReducer reducer;
    private final TypingVisits visits = new TypingVisits();
    private final Sessionizer sessionizer;
    private String userId;
    private String deviceId;
    // Derived from the ids and the operator's key: not state, computed once per restored instance.
    private String user;
    private String device;

    public DeviceTimeline(SessionRules rules) {
        this(rules, DeviceStores.inMemory());
    }

    public DeviceTimeline(SessionRules rules, DeviceStores stores) {
        this(new ActionReducer(rules.gapUs()));
        bind(rules, stores);
    }

    private DeviceTimeline(ActionReducer reducer) {
        this.reducer = reducer;
        this.sessionizer = new Sessionizer(SessionRules.DEFAULT);
    }

    /** The job's rules and the device's other stores (restored state carries neither). */
    public DeviceTimeline bind(SessionRules r, DeviceStores s) {
        this.rules = r;
        this.stores = s;
        reducer.idleFlushUs(r.gapUs());
        sessionizer.bind(r, s.openSteps());
        return this;
    }


    public void accept(RawEvent event, Privacy privacy, TimelineOutput out) {
        if (userId == null) {
            userId = event.userId();
            deviceId = event.deviceId();
        }
        long lastRaw = reducer.lastRawTsUs();
        if (lastRaw != Long.MIN_VALUE && event.tsUs() > lastRaw + rules.gapUs()) {
            advanceTo(event.tsUs() - 1, privacy, out); // the session ended before this event: close it first
        }
        reducer.accept(event, privacy.redactor().secretInputs(), step -> redact(step, privacy, out));
    }

    public void advanceTo(long watermarkUs, Privacy privacy, TimelineOutput out) {
        reducer.advanceTo(watermarkUs, step -> redact(step, privacy, out));
        if (visits.isOpen() && watermarkUs >= reducer.lastRawTsUs() + rules.gapUs()) {
            visits.flush(privacy.redactor().text(), step -> session(step, privacy, out));
        }
        visits.advanceTo(watermarkUs, step -> session(step, privacy, out)); // a form's digit groups, time up
        sessionizer.advanceTo(watermarkUs, reducer.lastRawTsUs(), steps -> out.episode(episode(steps, privacy)));
    }

    public void finish(Privacy privacy, TimelineOutput out) {
        reducer.finish(step -> redact(step, privacy, out));
        visits.flush(privacy.redactor().text(), step -> session(step, privacy, out));
        sessionizer.finish(steps -> out.episode(episode(steps, privacy)));
    }

    /** Event time of the latest raw event accepted, or MIN_VALUE. */
    public long lastRawTsUs() {
        return reducer.lastRawTsUs();
    }

    /** The earliest event time at which {@link #advanceTo} has something to do, or MAX_VALUE. */
    public long nextDeadlineUs() {
        long idle = visits.isOpen() ? reducer.lastRawTsUs() + rules.gapUs() : Long.MAX_VALUE;
        long form = visits.deadlineUs();
        return Math.min(Math.min(Math.min(reducer.nextDeadlineUs(), idle), form), sessionizer.deadlineUs(reducer.lastRawTsUs()));
    }

    private void redact(Step step, Privacy privacy, TimelineOutput out) {
        String denial = privacy.redactor().denial(step.context());
        if (denial != null) {
            out.dropped(denial);
            // Out-of-scope time ends the episode around it: no episode spans activity it may not show.
            visits.flush(privacy.redactor().text(), s -> session(s, privacy, out));
            sessionizer.finish(steps -> out.episode(episode(steps, privacy)));
            return;
        }
        visits.accept(SecureFieldRedaction.apply(step), privacy.redactor().text(), s -> session(s, privacy, out));
    }

    private void session(Step step, Privacy privacy, TimelineOutput out) {
        pseudonyms(privacy);
        Step redacted = privacy.redactor().rawIds(userId, user, deviceId, device)
                .apply(privacy.redactor().redactContext(step));
        sessionizer.accept(redacted.withFirstEventId(), steps -> out.episode(episode(steps, privacy)));
    }

    private void pseudonyms(Privacy privacy) {
        if (user == null) {
            user = privacy.pseudonyms().user(userId);
            device = privacy.pseudonyms().device(deviceId);
        }
    }

    private Episode episode(List<Step> steps, Privacy privacy) {
        pseudonyms(privacy);
        Episode e = new Episode(EpisodeIds.of(user, device, steps.get(0)), user, device, steps);
        if (!privacy.frames()) {
            return e;
        }
        MaskPlanner masks = stores.loadMasks(); // read and written only here: an event never touches it
        e = e.withPlan(masks.plan(e.steps()));
        stores.saveMasks(masks);
        return e;
    }

    public void writeTo(DataOutput out) throws IOException {
        StateIO.writeString(out, userId);
        StateIO.writeString(out, deviceId);
        reducer.writeTo(out);
        visits.writeTo(out);
        sessionizer.writeTo(out);
    }

    /** Reads the state; {@link #bind} the job's rules and the device's stores before use. */
    public static DeviceTimeline readFrom(DataInput in) throws IOException {
        String user = StateIO.readString(in);
        String device = StateIO.readString(in);
        DeviceTimeline t = new DeviceTimeline(ActionReducer.readFrom(in));
        t.userId = user;
        t.deviceId = device;
        t.visits.readFrom(in);
        t.sessionizer.readFrom(in);
        return t;
    }
}
