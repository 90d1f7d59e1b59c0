package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.storage.Store;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.PartitionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inspect reads a partition's newest log version, knows retired files, and flags orphans and temp files. */
class InspectFollowsTheLogTest {
    @TempDir
    Path root;

    private static final String DAY = "dt=" + Fixture.DAY_ONE;

    /** Version 1 of DAY: the same files, the episodes file retired, run id "newer". */
    private byte[] commitNewer(Store store) throws Exception {
        byte[] pointer = Files.readAllBytes(root.resolve(DAY).resolve(DatasetLayout.MANIFEST));
        new PartitionLog(store, DAY, Duration.ofHours(1)).commit(cur -> {
            Manifest m = cur.manifest();
            List<Manifest.FileEntry> steps = m.files().stream().filter(f -> f.table().equals(DatasetLayout.STEPS)).toList();
            return Optional.of(Manifest.of(DAY, "newer", m.input(), m.pseudonymKeyId(), steps, m.stepsByAction(),
                    m.redactionsByKind(), m.stats(), m.scope(), m.audit()));
        });
        return pointer;
    }

    @Test
    void aLogVersionNewerThanThePointerIsWhatInspectShows() throws Exception {
        Fixture.write(root);
        Store store = Store.local(root);
        byte[] old = commitNewer(store);
        // The writer died between its log version and the pointer: the pointer still names version 0.
        Files.write(root.resolve(DAY).resolve(DatasetLayout.MANIFEST), old);

        DatasetInspector d = DatasetInspector.open(root);
        PartitionSummary s = d.overview(true).partitions().get(0);
        assertEquals("newer", s.runId());
        assertEquals(List.of(), s.issues(), "the log version is expected, the retired file too: " + s.issues());
        PartitionDetail detail = d.partition(LocalDate.parse(Fixture.DAY_ONE), 10, false);
        assertEquals(List.of(DatasetLayout.STEPS), detail.files().stream().map(DataFile::table).toList());
        assertEquals(0, detail.episodesFound(), "the retired episodes file is not read");
    }

    @Test
    void verifyFlagsAnOrphanAndATempFileButNotARetiredFile() throws Exception {
        Fixture.write(root);
        Store store = Store.local(root);
        commitNewer(store);
        Files.writeString(root.resolve(DAY).resolve("steps/part-crashed-0.parquet"), "never committed");
        Files.writeString(root.resolve(DAY).resolve("episodes/.part-x-0.parquet.1234.tmp"), "in progress");
        Files.writeString(root.resolve(DAY).resolve("_manifests/notes.json"), "{}");

        List<FileIssue> issues = DatasetInspector.open(store).overview(true).fileIssues();
        assertEquals(List.of(
                new FileIssue(DAY + "/_manifests/notes.json", FileIssue.Kind.STRAY, "2 bytes, not in the manifest"),
                new FileIssue(DAY + "/episodes/.part-x-0.parquet.1234.tmp", FileIssue.Kind.TEMP,
                        "11 bytes, a temporary file"),
                new FileIssue(DAY + "/steps/part-crashed-0.parquet", FileIssue.Kind.STRAY,
                        "15 bytes, not in the manifest")), issues);
        assertTrue(Files.exists(root.resolve(DAY).resolve("episodes/part-testrun-0.parquet")), "retired, still there");
    }
}
