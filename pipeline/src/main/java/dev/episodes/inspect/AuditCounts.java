package dev.episodes.inspect;

import dev.episodes.writing.DatasetLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** How many erasures and expirations {@code _audit/} records (counts only: its lines name pseudonyms). */
public record AuditCounts(long erasures, long expirations) {

    static AuditCounts read(Path root) throws IOException {
        Path audit = root.resolve(DatasetLayout.AUDIT);
        // file names as Erasure and Retention write them
        return new AuditCounts(lines(audit.resolve("erasures.jsonl")), lines(audit.resolve("expirations.jsonl")));
    }

    private static long lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }
}
