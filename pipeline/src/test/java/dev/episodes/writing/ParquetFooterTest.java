package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.SampleEpisodes;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same rows give the same bytes in every JVM: parquet-java lists a column chunk's encodings in the
 * order of a HashSet of an enum (identity hash codes), which differed from one process to the next.
 */
class ParquetFooterTest {
    static final String SHARD = "part-x-0.parquet";

    /** Run in a forked JVM: writes one shard of a small generated corpus under the folder given. */
    public static final class WriteShard {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), SHARD,
                    SampleEpisodes.of(GeneratorSettings.of(2, Duration.ofMinutes(10), 3)));
        }
    }

    @Test
    void jvmsWithOtherIdentityHashCodesWriteTheSameBytes(@TempDir Path dir) throws Exception {
        // hashCode=2 gives every object the identity hash 1 (HashSet order = insertion order); 5 is the
        // default (random per thread): without the fixed order the two footers differ.
        fork(dir.resolve("a"), "-XX:hashCode=2");
        fork(dir.resolve("b"), "-XX:hashCode=5");
        for (String table : List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES)) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(table).resolve(SHARD));
            byte[] b = Files.readAllBytes(dir.resolve("b").resolve(table).resolve(SHARD));
            assertArrayEquals(a, b, table + " files of " + a.length + " and " + b.length + " bytes differ");
        }
    }

    @Test
    void everyColumnChunkListsItsEncodingsInOneOrder(@TempDir Path dir) throws Exception {
        WriteShard.main(new String[] {dir.toString()});
        FileMetaData footer = footer(dir.resolve(DatasetLayout.STEPS).resolve(SHARD));
        int chunks = 0;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                List<Encoding> encodings = chunk.getMeta_data().getEncodings();
                List<Encoding> sorted = new ArrayList<>(encodings);
                sorted.sort((x, y) -> Integer.compare(x.getValue(), y.getValue()));
                assertEquals(sorted, encodings, chunk.getMeta_data().getPath_in_schema().toString());
                chunks++;
            }
        }
        assertTrue(chunks > 20, "a footer with its column chunks: " + chunks);
    }

    @Test
    void aFileWithoutItsTrailingMagicIsLeftAsItIs(@TempDir Path dir) throws Exception {
        WriteShard.main(new String[] {dir.toString()});
        Path file = dir.resolve(DatasetLayout.STEPS).resolve(SHARD);
        byte[] whole = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(whole, whole.length - 3); // as an aborted write leaves it
        Files.write(file, cut);
        assertEquals(cut.length, ParquetFooter.normalize(file));
        assertArrayEquals(cut, Files.readAllBytes(file));
    }

    private static FileMetaData footer(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }

    private static void fork(Path dir, String hashCodeMode) throws Exception {
        Files.createDirectories(dir);
        Path log = dir.resolve("fork.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UnlockExperimentalVMOptions", hashCodeMode,
                "-cp", System.getProperty("java.class.path"), WriteShard.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("forked writer did not finish: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
    }
}
