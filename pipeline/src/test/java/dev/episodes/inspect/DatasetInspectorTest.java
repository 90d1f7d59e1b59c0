package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.config.OutputLayout;
import dev.episodes.testing.Datasets;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardPublisher;
import dev.episodes.writing.ShardStats;
import dev.episodes.writing.ShardWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetInspectorTest {
    @TempDir
    Path root;

    @Test
    void theOverviewAddsUpTheManifestsOfEveryPartition() throws Exception {
        List<Episode> episodes = Fixture.write(root);
        Files.createDirectories(root.resolve(dev.episodes.writing.DatasetLayout.REJECTED));
        Files.writeString(root.resolve(dev.episodes.writing.DatasetLayout.REJECTED).resolve("rejected-x-0.jsonl"),
                "{\"reason\":\"late\",\"detail\":\"\",\"raw\":\"u-1042\"}\n{\"reason\":\"late\"}\n"
                        + "{\"reason\":\"malformed_json\"}\n");
        DatasetOverview o = DatasetInspector.open(root).overview(false);

        assertEquals(List.of("dt=" + Fixture.DAY_ONE, "dt=" + Fixture.DAY_TWO),
                o.partitions().stream().map(PartitionSummary::partition).toList());
        assertTrue(o.partitions().stream().allMatch(p -> p.state() == PartitionSummary.State.COMPLETE));
        assertEquals(episodes.size(), o.totals().episodes());
        assertEquals(episodes.stream().mapToLong(e -> e.steps().size()).sum(), o.totals().steps());
        assertEquals(4, o.totals().files(), "a steps and an episodes file per day");
        assertEquals(Map.of("EMAIL", 1L, "PASSWORD", 1L), o.totals().redactionsByKind());
        assertEquals(Datasets.KEY_ID, o.info().pseudonymKeyId());
        assertEquals("1.1", o.info().schemaVersion());
        assertEquals(Map.of("late", 2L, "malformed_json", 1L), o.deadLetters().byReason());
        assertEquals(2L, o.totals().episodesBySplit().values().stream().mapToLong(Long::longValue).sum(),
                "each episode in one split, from the manifests' statistics");
        assertEquals(List.of(), o.fileIssues());
        assertEquals(List.of(), o.notes());
    }

    @Test
    void filesThatDisagreeWithTheManifestAreNamed() throws Exception {
        Fixture.write(root);
        Path day = root.resolve("dt=" + Fixture.DAY_ONE);
        Path day2 = root.resolve("dt=" + Fixture.DAY_TWO);
        String stepsFile = "steps/part-" + Datasets.RUN + "-0.parquet";
        Files.delete(day.resolve(stepsFile));
        Files.writeString(day.resolve("episodes/part-" + Datasets.RUN + "-0.parquet"), "x", StandardOpenOption.APPEND);
        Files.writeString(day.resolve("steps/part-old-3.parquet"), "left over");

        List<FileIssue> issues = DatasetInspector.open(root).overview(false).fileIssues();
        assertEquals(List.of(FileIssue.Kind.MISSING, FileIssue.Kind.SIZE_DIFFERS, FileIssue.Kind.STRAY),
                issues.stream().map(FileIssue::kind).toList(), issues.toString());
        assertEquals(new FileIssue("dt=" + Fixture.DAY_ONE + "/" + stepsFile, FileIssue.Kind.MISSING,
                "listed with " + manifestSize(day, stepsFile) + " bytes, not on disk"), issues.get(0));
        assertEquals("dt=" + Fixture.DAY_ONE + "/steps/part-old-3.parquet", issues.get(2).path());

        // Same size, other bytes: only a checksum finds it, and only when asked to read every file.
        Path episodesFile = day2.resolve("episodes/part-" + Datasets.RUN + "-0.parquet");
        byte[] bytes = Files.readAllBytes(episodesFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(episodesFile, bytes);
        DatasetInspector d = DatasetInspector.open(root);
        assertEquals(3, d.overview(false).fileIssues().size());
        assertEquals(FileIssue.Kind.CHECKSUM_DIFFERS, d.overview(true).fileIssues().get(3).kind());
    }

    @Test
    void episodesThatTwoRunsBothAddedAreDuplicatesWhenEveryFileIsRead() throws Exception {
        // What a second demo did: its streaming job published the same episodes again under new file
        // names, and every reader counted them twice.
        List<Episode> episodes = Fixture.episodes();
        LocalDate day = LocalDate.parse(Fixture.DAY_ONE);
        List<Episode> ofDay = episodes.stream().filter(e -> e.startTsUs() < episodes.get(episodes.size() - 1).startTsUs()).toList();
        ShardPublisher publisher = new ShardPublisher(root, Map.of("kind", "test"), Datasets.KEY_ID, OutputLayout.DEFAULT);
        publisher.publish(publisher.stage("a", "part-s-0.parquet", day, ofDay));
        DatasetInspector d = DatasetInspector.open(root);
        assertEquals(List.of(), d.overview(true).fileIssues(), "one run: nothing twice");

        publisher.publish(publisher.stage("b", "part-s-1.parquet", day, ofDay));
        assertEquals(List.of(), d.overview(false).fileIssues(), "only reading the rows finds it");
        List<FileIssue> issues = d.overview(true).fileIssues();
        String partition = "dt=" + Fixture.DAY_ONE + "/";
        assertEquals(List.of(
                new FileIssue(partition + "steps/part-s-1.parquet", FileIssue.Kind.DUPLICATE,
                        ofDay.size() + " episodes are also in steps/part-s-0.parquet"),
                new FileIssue(partition + "episodes/part-s-1.parquet", FileIssue.Kind.DUPLICATE,
                        ofDay.size() + " episodes are also in episodes/part-s-0.parquet")), issues);
    }

    @Test
    void aStepRepeatedInsideOneFileIsADuplicate() throws Exception {
        Episode e = Fixture.episodes().get(0);
        Path partition = root.resolve("dt=" + Fixture.DAY_ONE);
        // The same episode handed to one shard twice: its rows follow each other, step_index going back to 0.
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(partition, root.resolve("audit"), "part-r-0.parquet",
                List.of(e, e));
        List<FileIssue> issues = IntegrityCheck.duplicates(partition, List.of(
                new Manifest.FileEntry(s.file(), DatasetLayout.STEPS, 0, s.rows(), s.episodes(), "", List.of()),
                new Manifest.FileEntry(s.episodesFile(), DatasetLayout.EPISODES, 0, s.episodes(), s.episodes(), "",
                        List.of())));
        assertEquals(List.of(
                new FileIssue("dt=" + Fixture.DAY_ONE + "/" + s.file(), FileIssue.Kind.DUPLICATE,
                        e.steps().size() + " rows repeat a step_index their episode already had"),
                new FileIssue("dt=" + Fixture.DAY_ONE + "/" + s.episodesFile(), FileIssue.Kind.DUPLICATE,
                        "1 rows repeat the episode_id of the row before")), issues);
    }

    @Test
    void aPartitionWithoutAReadableManifestIsUnpublished() throws Exception {
        Fixture.write(root);
        Files.createDirectories(root.resolve("dt=2025-12-01/steps"));
        Files.writeString(root.resolve("dt=" + Fixture.DAY_TWO + "/_manifest.json"), "{\"files\": [");
        Files.delete(root.resolve("dt=" + Fixture.DAY_ONE + "/_SUCCESS"));
        Files.createDirectories(root.resolve("dt=not-a-date"));

        DatasetOverview o = DatasetInspector.open(root).overview(false);
        assertEquals(List.of(PartitionSummary.State.OPEN, PartitionSummary.State.UNPUBLISHED,
                PartitionSummary.State.UNPUBLISHED), o.partitions().stream().map(PartitionSummary::state).toList());
        assertEquals(List.of(FileIssue.Kind.BAD_MANIFEST, FileIssue.Kind.NO_MANIFEST),
                o.fileIssues().stream().map(FileIssue::kind).toList());
    }

    @Test
    void aPartitionListsItsFilesAndItsEpisodesByStartTime() throws Exception {
        List<Episode> episodes = Fixture.write(root);
        PartitionDetail d = DatasetInspector.open(root).partition(LocalDate.parse(Fixture.DAY_ONE), 50, false);

        assertEquals(List.of("steps/part-testrun-0.parquet", "episodes/part-testrun-0.parquet"),
                d.files().stream().map(DataFile::path).toList());
        Episode first = episodes.get(0);
        assertEquals(1, d.episodesFound());
        EpisodeRow row = d.episodes().get(0);
        assertEquals(first.episodeId(), row.episodeId());
        assertEquals(first.user(), row.user());
        assertEquals(first.steps().size(), row.numSteps());
        assertEquals(List.of("Chrome", "Slack"), row.apps());
        assertEquals(2, row.redactionCount());
        assertTrue(List.of("train", "validation", "test").contains(row.split()), row.split());
    }

    @Test
    void theListOfEpisodesStopsAtTheLimitAndSaysHowManyThereAre() throws Exception {
        // Five episodes a second apart whose ids sort in the opposite order of their starts.
        Episode template = Fixture.episodes().get(1);
        List<Episode> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(shifted(template, "episode-" + (4 - i), i * 1_000_000L));
        }
        Datasets.write(root, many);
        PartitionDetail d = DatasetInspector.open(root).partition(LocalDate.parse(Fixture.DAY_TWO), 2, false);
        assertEquals(5, d.episodesFound());
        assertEquals(List.of("episode-4", "episode-3"), d.episodes().stream().map(EpisodeRow::episodeId).toList(),
                "the earliest two, though ids sort the other way");
    }

    @Test
    void anEpisodeIsFoundThroughTheManifestsWithOrWithoutItsDate() throws Exception {
        List<Episode> episodes = Fixture.write(root);
        Episode second = episodes.get(1);
        DatasetInspector d = DatasetInspector.open(root);

        EpisodeTimeline t = d.episode(second.episodeId(), null);
        assertEquals("dt=" + Fixture.DAY_TWO, t.partition());
        assertEquals(second.steps().size(), t.steps().size());
        assertEquals(List.of(), t.issues());
        assertEquals(t, d.episode(second.episodeId(), LocalDate.parse(Fixture.DAY_TWO)));

        EpisodeTimeline first = d.episode(episodes.get(0).episodeId(), null);
        assertEquals(List.of("click", "type", "type", "type", "key", "scroll", "drag", "hotkey"), // Enter in the secure field is part of [PASSWORD]
                first.steps().stream().map(StepRow::action).toList());
        StepRow typed = first.steps().get(1);
        assertEquals("[EMAIL]", typed.text());
        assertEquals(List.of("EMAIL"), typed.redactions());
        assertEquals("Chrome", typed.app());
        assertEquals("Email", typed.elementName());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), first.steps().stream().map(StepRow::stepIndex).toList());
    }

    @Test
    void whatIsNotThereIsAClearError() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DatasetInspector.open(root.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Files.writeString(root.resolve("notes.txt"), "hello", StandardCharsets.UTF_8);
        IllegalArgumentException notADataset = assertThrows(IllegalArgumentException.class,
                () -> DatasetInspector.open(root));
        assertTrue(notADataset.getMessage().contains("is not an episode dataset"), notADataset.getMessage());

        Fixture.write(root);
        DatasetInspector d = DatasetInspector.open(root);
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> d.partition(LocalDate.parse("2024-01-01"), 10, false));
        assertEquals("no partition dt=2024-01-01 in " + root + "; it has dt=" + Fixture.DAY_ONE + ", dt="
                + Fixture.DAY_TWO, date.getMessage());
        IllegalArgumentException episode = assertThrows(IllegalArgumentException.class, () -> d.episode("0abc", null));
        assertEquals("no episode 0abc in " + root + " (searched 2 partitions)", episode.getMessage());
        IllegalArgumentException episodeOnDate = assertThrows(IllegalArgumentException.class,
                () -> d.episode(Fixture.episodes().get(1).episodeId(), LocalDate.parse(Fixture.DAY_ONE)));
        assertTrue(episodeOnDate.getMessage().contains("in dt=" + Fixture.DAY_ONE), episodeOnDate.getMessage());
    }

    @Test
    void anEpisodeWhoseStepsDisagreeWithItsRowSaysSo() throws Exception {
        // The steps file of day two replaced by day one's: the episode's row remains, its steps do not.
        Fixture.write(root);
        String file = "steps/part-" + Datasets.RUN + "-0.parquet";
        Files.copy(root.resolve("dt=" + Fixture.DAY_ONE).resolve(file), root.resolve("dt=" + Fixture.DAY_TWO).resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
        EpisodeTimeline t = DatasetInspector.open(root).episode(Fixture.episodes().get(1).episodeId(), null);
        assertEquals(List.of(), t.steps());
        assertEquals(List.of("its episodes row says 1 steps, " + file + " holds 0"), t.issues());
    }

    private static Episode shifted(Episode e, String id, long byUs) {
        return new Episode(id, e.user(), e.device(), e.steps().stream()
                .map(s -> new Step(s.action(), s.tsUs() + byUs, s.endTsUs() + byUs, s.x(), s.y(), s.toX(), s.toY(),
                        s.scrollDx(), s.scrollDy(), s.text(), s.keys(), s.context(), s.redactions(), s.eventIds(),
                        s.gapBeforeUs()))
                .toList());
    }

    private static long manifestSize(Path partition, String file) throws Exception {
        for (var entry : Json.MAPPER.readTree(partition.resolve("_manifest.json").toFile()).get("files")) {
            if (entry.get("path").asText().equals(file)) {
                return entry.get("size_bytes").asLong();
            }
        }
        throw new AssertionError(file + " not in the manifest");
    }
}
