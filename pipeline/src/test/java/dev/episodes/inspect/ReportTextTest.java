package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import dev.episodes.testing.Datasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview and partition texts say what a person checks first, within the width. */
class ReportTextTest {
    @TempDir
    Path root;

    @Test
    void theOverviewTabulatesPartitionsAndNamesIssues() throws Exception {
        Fixture.write(root);
        Files.delete(root.resolve("dt=" + Fixture.DAY_TWO + "/_SUCCESS"));
        Files.delete(root.resolve("dt=" + Fixture.DAY_TWO + "/steps/part-" + Datasets.RUN + "-0.parquet"));
        String text = OverviewText.render(DatasetInspector.open(root).overview(false), 120);

        assertTrue(text.contains("schema     1.1   pseudonym key " + Datasets.KEY_ID + "   last run " + Datasets.RUN),
                text);
        assertTrue(text.contains("totals     2 partitions (1 complete), 4 files, 2 episodes, 9 steps"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("date +complete +files +episodes +steps +size +redacted"
                + " +EMAIL +PASSWORD")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches(Fixture.DAY_ONE + " +yes +2 +1 +8 +[0-9.]+ KiB +2 +1 +1")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches(Fixture.DAY_TWO + " +open +2 +1 +1 +[0-9.]+ KiB +0 +0 +0")), text);
        assertTrue(text.contains("1 file issue"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches(" +missing +dt=" + Fixture.DAY_TWO
                + "/steps/part-testrun-0.parquet +listed with \\d+ bytes, not on disk")), text);
        assertTrue(text.contains("rejected   none in _private/rejected/"), text);
        text.lines().forEach(l -> assertTrue(l.length() <= 120, l));
    }

    @Test
    void theRedactionKindsMoveUnderTheirRowWhenColumnsDoNotFit() throws Exception {
        Fixture.write(root);
        String text = OverviewText.render(DatasetInspector.open(root).overview(false), 80);
        assertTrue(text.lines().anyMatch(l -> l.matches(" +EMAIL 1, PASSWORD 1")), text);
        text.lines().forEach(l -> assertTrue(l.length() <= 80, l));
    }

    @Test
    void aPartitionShowsItsFilesAndEpisodes() throws Exception {
        List<Episode> episodes = Fixture.write(root);
        String text = PartitionText.render(DatasetInspector.open(root)
                .partition(LocalDate.parse(Fixture.DAY_ONE), 50, false), 120);
        assertTrue(text.startsWith("partition  dt=" + Fixture.DAY_ONE + "   complete: yes\n"), text);
        assertTrue(text.contains("input test"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches(" +steps/part-testrun-0.parquet +steps +8 +1 +[0-9.]+ KiB")),
                text);
        assertTrue(text.contains("episodes   1 of 1 by start time"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("splits     (train|validation|test) 1")), text);
        assertTrue(text.contains("lengths    steps p50 8, p90 8, max 8; time p50 10.0s"), text);
        assertTrue(text.contains("by app     Chrome 1, Slack 1"), text);
        // By episode id, never with its pseudonyms (issue 17: no report is a table by person).
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  " + episodes.get(0).episodeId() + "  ")
                && l.matches(".* 08:00:00 +10.0s +8 +2  Chrome, Slack")), text);
        assertFalse(text.contains(episodes.get(0).user()) || text.contains(" u_") || text.contains(" d_"), text);
    }
}
