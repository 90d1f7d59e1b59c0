package dev.episodes.inspect;

import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Manifest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Compares a partition's manifest with its folder. Readers trust the manifest, so what matters is
 * where the folder breaks that trust: listed files that are gone or changed size (or, on request,
 * content), and files the manifest does not know, which a directory-listing reader would pick up.
 */
final class IntegrityCheck {
    private IntegrityCheck() {}

    static List<FileIssue> of(Path partition, Manifest manifest, boolean verifyChecksums) throws IOException {
        String name = partition.getFileName().toString();
        List<FileIssue> issues = new ArrayList<>();
        Set<String> listed = new HashSet<>();
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
