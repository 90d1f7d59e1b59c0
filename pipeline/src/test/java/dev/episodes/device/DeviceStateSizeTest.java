package dev.episodes.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.redaction.Redactor;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.session.OpenSteps;
import dev.episodes.session.SessionRules;
import dev.episodes.masking.MaskPlanner;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every event reads and writes (the {@link DeviceState}) does not grow with the open episode: the
 * episode's steps are appended to {@link OpenSteps} and read once, at the close.
 */
class DeviceStateSizeTest {
    private static final long T0 = 1_764_403_200_000_000L;
    private static final Privacy PRIVACY = new Privacy(new Pseudonymizer(new byte[32]), new Redactor(RedactionPolicy.DEFAULT), true);

    /** Counts what goes to and from the other stores. */
    private static final class CountingStores implements DeviceStores, OpenSteps {
        final List<Step> steps = new ArrayList<>();
        int appended;
        int reads;
        int maskLoads;
        MaskPlanner masks = new MaskPlanner();

        final dev.episodes.ordering.SeenIds ids = dev.episodes.ordering.SeenIds.inMemory();
        final dev.episodes.ordering.WaitingEvents waiting = dev.episodes.ordering.WaitingEvents.inMemory();

        @Override
        public dev.episodes.ordering.WaitingEvents waitingEvents() {
            return waiting;
        }

        @Override
        public OpenSteps openSteps() {
            return this;
        }

        @Override
        public dev.episodes.ordering.SeenIds seenIds() {
            return ids;
        }

        @Override
        public void add(Step step) {
            appended++;
            steps.add(step);
        }

        @Override
        public List<Step> takeAll() {
            reads++;
            List<Step> all = List.copyOf(steps);
            steps.clear();
            return all;
        }

        @Override
        public MaskPlanner loadMasks() {
            maskLoads++;
            return masks;
        }

        @Override
        public void saveMasks(MaskPlanner m) {
            masks = m;
        }
    }

    private static TimelineOutput into(List<Episode> out) {
        return new TimelineOutput() {
            @Override
            public void episode(Episode episode) {
                out.add(episode);
            }

            @Override
            public void dropped(String reason) {}
        };
    }

    private static int bytes(DeviceState st) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        st.writeTo(new DataOutputStream(b));
        return b.size();
    }

    /** Clicks 170 ms apart at distinct points: one step each, one episode. */
    private static int stateBytesAfter(int steps, CountingStores stores, List<Episode> out) throws IOException {
        DeviceState st = new DeviceState(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L), stores);
        TimelineOutput sink = into(out);
        long ts = T0;
        for (int k = 0; k < steps; k++) {
            ts = T0 + k * 170_000L;
            int x = (k % 100) * 10;
            int y = (k / 100 % 100) * 10;
            for (RawEvent e : List.<RawEvent>of(
                    new MouseEvent("d" + k, "u", "d", ts, 2L * k, MouseEvent.Action.DOWN, x, y, MouseEvent.Button.LEFT, 0, 0),
                    new MouseEvent("u" + k, "u", "d", ts + 60_000, 2L * k + 1, MouseEvent.Action.UP, x, y,
                            MouseEvent.Button.LEFT, 0, 0))) {
                st.offer(e);
            }
            st.advanceTo(ts, e -> st.timeline().accept(e, PRIVACY, sink), PRIVACY, sink);
        }
        int size = bytes(st);
        st.advanceTo(ts + SessionRules.DEFAULT.gapUs() + 1_000_000, e -> st.timeline().accept(e, PRIVACY, sink), PRIVACY, sink);
        return size;
    }

    @Test
    void theStateAnEventTouchesIsTheSameSizeAtTenStepsAsAtTenThousand() throws IOException {
        int[] lengths = {10, 1_000, 10_000};
        int[] sizes = new int[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            CountingStores stores = new CountingStores();
            List<Episode> out = new ArrayList<>();
            sizes[i] = stateBytesAfter(lengths[i], stores, out);
            assertEquals(1, out.size(), "one episode");
            int made = out.get(0).steps().size();
            assertTrue(made >= lengths[i] - 2, "about one step per click, got " + made);
            assertEquals(made, stores.appended, "every step appended once");
            assertEquals(1, stores.reads, "the steps are read once, at the close");
            assertEquals(1, stores.maskLoads, "the mask memory is read once per episode, not per event");
            // Released ids are freed as the retention passes them: at most a retention and a half of them.
            long bound = 2 * (90_000_000L / 170_000 + 2);
            assertTrue(stores.ids.count(ts -> true) <= bound, stores.ids.count(ts -> true) + " ids kept, bound " + bound);
        }
        // The first and last step, a few pending events and where release and forgetting stand: a constant,
        // whatever the length (the ids the dedup retention keeps are in their own store).
        String figures = "state bytes at 10, 1,000, 10,000 steps: " + sizes[0] + ", " + sizes[1] + ", " + sizes[2];
        assertTrue(Math.abs(sizes[2] - sizes[0]) < 64, figures);
        assertTrue(sizes[2] < 1_000, figures);
    }

    /**
     * A typed word is one step of many key events: the open episode keeps the step with only its first
     * event id (the episode's id needs no other), whatever the reducer gathered, and the id of the episode
     * is the hash of that first one.
     */
    @Test
    void anOpenEpisodesStepsKeepOnlyTheirFirstEventId() {
        CountingStores stores = new CountingStores();
        List<Episode> out = new ArrayList<>();
        DeviceState st = new DeviceState(new DeviceSettings(SessionRules.DEFAULT, 60_000_000L), stores);
        TimelineOutput sink = into(out);
        List<RawEvent> events = dev.episodes.testing.Events.script()
                .context(0, "Editor", "Notes", "textbox", "Body", false).click(10, 15, 25)
                .type(200, "several words typed here").press(5_000, "Enter", 0).wheel(8_000, 0, 4).click(9_000, 40, 50).list();
        for (RawEvent e : events) {
            st.offer(e);
        }
        long end = events.get(events.size() - 1).tsUs();
        st.advanceTo(end, e -> st.timeline().accept(e, PRIVACY, sink), PRIVACY, sink);
        assertTrue(stores.steps.stream().anyMatch(x -> x.action() == dev.episodes.reduction.Action.TYPE),
                "the typing step is open: " + stores.steps);
        for (Step open : stores.steps) {
            assertEquals(1, open.eventIds().size(), "kept in state with its first id only: " + open);
        }
        st.advanceTo(end + SessionRules.DEFAULT.gapUs() + 1_000_000, e -> st.timeline().accept(e, PRIVACY, sink),
                PRIVACY, sink);
        assertEquals(1, out.size());
        Episode ep = out.get(0);
        Step first = ep.steps().get(0);
        assertEquals(dev.episodes.session.EpisodeIds.of(ep.user(), ep.device(), first), ep.episodeId());
        ep.steps().forEach(x -> assertEquals(1, x.eventIds().size()));
    }
}
