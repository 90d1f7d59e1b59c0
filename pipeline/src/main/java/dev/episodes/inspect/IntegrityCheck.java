package dev.episodes.inspect;

import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import dev.episodes.writing.ShardReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Compares a partition's manifest with its folder. Readers trust the manifest, so what matters is
 * where the folder breaks that trust: listed files that are gone or changed size (or, on request,
 * content), and files the manifest does not know, which a directory-listing reader would pick up. On
 * request it also reads the rows: an episode in two files, or a step twice, would be counted twice by
 * every reader (two runs that both added the same episodes).
 */
final class IntegrityCheck {
    private static final Schema KEYS = SchemaBuilder.record("StepKey").fields()
            .requiredString("episode_id").requiredInt("step_index").endRecord();
    private static final Schema IDS = SchemaBuilder.record("EpisodeKey").fields()
            .requiredString("episode_id").endRecord();

    private IntegrityCheck() {}

    static List<FileIssue> of(Path partition, Manifest manifest, boolean verifyChecksums) throws IOException {
        String name = partition.getFileName().toString();
        List<FileIssue> issues = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        List<Manifest.FileEntry> intact = new ArrayList<>();
        for (Manifest.FileEntry e : manifest.files()) {
            listed.add(e.path());
            String shown = name + "/" + e.path();
            Path file = inside(partition, e.path());
            if (file == null) {
                issues.add(new FileIssue(shown, FileIssue.Kind.MISSING, "the manifest gives no path inside the partition"));
            } else if (!Files.isRegularFile(file)) {
                issues.add(new FileIssue(shown, FileIssue.Kind.MISSING,
                        "listed with " + e.sizeBytes() + " bytes, not on disk"));
            } else if (Files.size(file) != e.sizeBytes()) {
                issues.add(new FileIssue(shown, FileIssue.Kind.SIZE_DIFFERS,
                        Files.size(file) + " bytes on disk, the manifest says " + e.sizeBytes()));
            } else if (verifyChecksums && !DatasetCommitter.sha256(file).equalsIgnoreCase(e.sha256())) {
                issues.add(new FileIssue(shown, FileIssue.Kind.CHECKSUM_DIFFERS, "SHA-256 differs from the manifest's"));
            } else {
                intact.add(e);
            }
        }
        try (Stream<Path> walk = Files.walk(partition)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = partition.relativize(f).toString().replace(File.separatorChar, '/');
                if (!listed.contains(rel) && !rel.equals(DatasetLayout.MANIFEST) && !rel.equals(DatasetLayout.SUCCESS)) {
                    issues.add(new FileIssue(name + "/" + rel, FileIssue.Kind.STRAY,
                            Files.size(f) + " bytes, not in the manifest"));
                }
            }
        }
        if (verifyChecksums) {
            issues.addAll(duplicates(partition, intact));
        }
        return issues;
    }

    /**
     * Steps files hold rows sorted by (episode_id, step_index) with each episode whole in one file, so a
     * repeated step is a row whose step_index does not advance within its episode, and a repeated episode
     * an id another file of the table already had. Only files that matched the manifest are read; the
     * episode ids of a partition are held in memory (a partition's episodes, not its steps).
     */
    static List<FileIssue> duplicates(Path partition, List<Manifest.FileEntry> files) throws IOException {
        String name = partition.getFileName().toString();
        List<FileIssue> issues = new ArrayList<>();
        for (String table : List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES)) {
            boolean steps = table.equals(DatasetLayout.STEPS);
            Map<String, String> fileOf = new HashMap<>();
            for (Manifest.FileEntry e : files) {
                if (!table.equals(e.table())) {
                    continue;
                }
                Path file = inside(partition, e.path());
                long[] repeated = new long[2]; // rows repeating the previous key, episodes seen in another file
                Map<String, Long> otherFiles = new TreeMap<>();
                String[] previous = {null};
                int[] highestIndex = {-1}; // of the episode the rows are in
                ShardReader.scanColumns(file, steps ? KEYS : IDS, r -> {
                    String id = r.get("episode_id").toString();
                    int index = steps ? (Integer) r.get("step_index") : -1;
                    boolean sameEpisode = id.equals(previous[0]);
                    if (sameEpisode && (!steps || index <= highestIndex[0])) {
                        repeated[0]++;
                    } else if (!sameEpisode) {
                        String other = fileOf.putIfAbsent(id, e.path());
                        if (other != null) {
                            repeated[1]++;
                            otherFiles.merge(other.equals(e.path()) ? "this file, apart" : other, 1L, Long::sum);
                        }
                    }
                    highestIndex[0] = sameEpisode ? Math.max(highestIndex[0], index) : index;
                    previous[0] = id;
                    return true;
                });
                String shown = name + "/" + e.path();
                if (repeated[0] > 0) {
                    issues.add(new FileIssue(shown, FileIssue.Kind.DUPLICATE, repeated[0] + (steps
                            ? " rows repeat a step_index their episode already had"
                            : " rows repeat the episode_id of the row before")));
                }
                if (repeated[1] > 0) {
                    issues.add(new FileIssue(shown, FileIssue.Kind.DUPLICATE, repeated[1] + " episodes are also in "
                            + String.join(", ", otherFiles.keySet())));
                }
            }
        }
        return issues;
    }

    /** A manifest path resolved under its partition, or null if it would leave it. */
    static Path inside(Path partition, String relative) {
        if (relative == null) {
            return null;
        }
        Path resolved = partition.resolve(relative).normalize();
        return resolved.startsWith(partition.normalize()) ? resolved : null;
    }
}
