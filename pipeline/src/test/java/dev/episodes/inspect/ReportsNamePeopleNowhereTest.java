package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: every report {@code inspect} prints stays aggregate. Listed by episode, a pseudonym (stable in
 * a stable-scope dataset) would make the partition view or a timeline a table by person, in text or JSON.
 */
class ReportsNamePeopleNowhereTest {
    @TempDir
    Path root;

    @Test
    void noPseudonymInAnyReportTextOrJson() throws Exception {
        List<Episode> episodes = Fixture.write(root);
        DatasetInspector d = DatasetInspector.open(root);
        List<String> reports = new ArrayList<>();
        DatasetOverview o = d.overview(true);
        reports.add(OverviewText.render(o, 200));
        reports.add(JsonReport.of(o));
        for (String day : List.of(Fixture.DAY_ONE, Fixture.DAY_TWO)) {
            PartitionDetail p = d.partition(LocalDate.parse(day), 50, true);
            assertFalse(p.episodes().isEmpty());
            reports.add(PartitionText.render(p, 200));
            reports.add(JsonReport.of(p));
        }
        for (Episode e : episodes) {
            EpisodeTimeline t = d.episode(e.episodeId(), null);
            reports.add(TimelineText.render(t, 200));
            reports.add(JsonReport.of(t));
        }
        for (Episode e : episodes) {
            for (String report : reports) {
                assertFalse(report.contains(e.user()), "user pseudonym in:\n" + report);
                assertFalse(report.contains(e.device()), "device pseudonym in:\n" + report);
                assertFalse(report.contains(e.user().substring(0, 8)), "a user pseudonym's start in:\n" + report);
            }
        }
        assertTrue(reports.get(2).contains(episodes.get(0).episodeId()), "episodes are still listed, by id");
    }
}
