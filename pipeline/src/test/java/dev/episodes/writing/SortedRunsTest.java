package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.testing.SampleEpisodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedRunsTest {

    @Test
    void spillingToDiskGivesTheSameOrderAsSortingInMemory(@TempDir Path dir) throws Exception {
        List<Episode> episodes = new ArrayList<>(SampleEpisodes.of(GeneratorSettings.of(6, Duration.ofMinutes(40), 3)));
        assertTrue(episodes.size() > 20, "episodes: " + episodes.size());
        List<Episode> expected = new ArrayList<>(episodes);
        expected.sort(Comparator.comparing(Episode::episodeId));
        for (long budget : new long[] {1, 7, 50, 400, Long.MAX_VALUE}) {
            Collections.shuffle(episodes, new Random(budget));
            Path spill = dir.resolve("spill-" + budget);
            List<Episode> got = new ArrayList<>();
            try (SortedRuns runs = new SortedRuns(spill, budget)) {
                for (Episode e : episodes) {
                    runs.add(e);
                }
                if (budget == 1) {
                    assertEquals(episodes.size(), runs.spilledRuns(), "one run per episode with a budget of one step");
                }
                for (Iterator<Episode> it = runs.sorted(); it.hasNext(); ) {
                    got.add(it.next());
                }
            }
            assertEquals(expected, got, "budget " + budget);
            assertTrue(!Files.exists(spill) || Files.list(spill).findAny().isEmpty(), "runs deleted on close");
        }
    }
}
