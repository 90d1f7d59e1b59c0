package dev.episodes.flink.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.device.DeviceSettings;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.session.Episode;
import dev.episodes.session.SessionRules;
import dev.episodes.testing.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Red team (issue 16): PipelineConfig requires --device-idle to be at least the dedup retention "so that
 * forgetting never changes output", and docs/state.md says a returning device gets "exactly the episodes
 * it would have got had it never been forgotten". Two inputs where it does not:
 * <ul>
 *   <li>idle equal to the retention (PipelineConfig accepts it, e.g. both 1h): the device expires once
 *   the watermark covers {@code last + idle}, but an id is remembered until {@code ts + retention + 1}.
 *   At that watermark the device is cleared while its last id is still remembered; a repeat of it is a
 *   duplicate for a device never forgotten, and a fresh device's first event (a second copy of the step,
 *   in an episode of its own) here. An off-by-one: expiry should be {@code >} not {@code >=}, or the
 *   check should be {@code idle > retention}.</li>
 *   <li>any idle time: a repeat (at-least-once delivery, same id and time) arriving after the device was
 *   forgotten. A device never forgotten reports it late (a dead letter); a forgotten one makes it a new
 *   episode, so the dataset holds the same raw event twice, with a step already published, and when the
 *   repeat was the episode's first event, under the same {@code episode_id} (the dataset's key). docs/state.md
 *   says late events of a forgotten device start afresh, not that delivery repeats become duplicated
 *   training data.</li>
 * </ul>
 */
class RepeatAfterExpiryTest {
    private static final long HOUR_US = 3_600_000_000L;
    private static final long HOUR_MS = 3_600_000L;

    /** A scroll: one event makes a step of its own. */
    private static RawEvent wheel(String id, long us) {
        return new MouseEvent(id, Events.USER, Events.DEVICE, us, 1, MouseEvent.Action.WHEEL, 5, 5, null, 0, 120);
    }

    /** Episodes of a scroll at {@code lastUs}, the watermarks (ms after T0), then the same event again. */
    private static List<Episode> run(String backend, DeviceSettings settings, long lastUs, long... watermarksMs)
            throws Exception {
        var h = new RedTeamHarness(settings, backend);
        h.open();
        h.event(wheel("a", lastUs));
        for (long w : watermarksMs) {
            h.watermarkAt(w);
        }
        h.event(wheel("a", lastUs)); // at-least-once: the scroll arrives again
        h.processWatermark(Long.MAX_VALUE);
        List<Episode> out = new ArrayList<>(h.extractOutputValues());
        h.close();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void withTheIdleTimeEqualToTheRetentionARepeatOfTheLastEventIsStillADuplicate(String backend) throws Exception {
        long lastUs = Events.us(80) + 999; // a microsecond time: the watermark at 80 ms + 1 h covers last + 1 h exactly
        long[] watermarks = {1_000, 80 + HOUR_MS};
        List<Episode> never = run(backend, new DeviceSettings(SessionRules.DEFAULT, HOUR_US), lastUs, watermarks);
        List<Episode> forgotten = run(backend, new DeviceSettings(SessionRules.DEFAULT, HOUR_US, HOUR_US), lastUs,
                watermarks);
        assertEquals(1, never.size(), "never forgotten: the repeat is a duplicate (its id is still remembered)");
        assertEquals(never, forgotten, "--device-idle = --dedup-retention = 1h: forgotten while its last id is "
                + "remembered, the repeat makes another episode (" + forgotten.size() + " episodes)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRepeatArrivingAfterTheDeviceWasForgottenIsNotASecondCopyOfItsStep(String backend) throws Exception {
        long lastUs = Events.us(80);
        long[] watermarks = {1_000, 7 * HOUR_MS}; // 7 h on: past the idle time of 6 h
        List<Episode> never = run(backend, new DeviceSettings(SessionRules.DEFAULT, 60_000_000L), lastUs, watermarks);
        List<Episode> forgotten = run(backend, new DeviceSettings(SessionRules.DEFAULT, 60_000_000L, 6 * HOUR_US),
                lastUs, watermarks);
        assertEquals(1, never.size(), "never forgotten: one episode; the repeat is a late dead letter");
        assertEquals(forgotten.size(), forgotten.stream().map(Episode::episodeId).distinct().count(),
                "episode_id is the dataset's key: the repeat's episode has the same id as the original");
        assertEquals(never, forgotten, "forgotten: the repeat becomes an episode of its own ("
                + forgotten.size() + " episodes)");
    }
}
