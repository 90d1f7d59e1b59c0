package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.config.OutputLayout;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.session.Episode;
import dev.episodes.split.Splits;
import dev.episodes.testing.SampleEpisodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardWriterTest {

    @Test
    void rollsZstdShardsWithPageIndexAtTheTargetSizeWithEpisodesWholeSortedAndSplitPerPerson(@TempDir Path dir) throws Exception {
        List<Episode> episodes = new ArrayList<>(SampleEpisodes.of(GeneratorSettings.of(8, Duration.ofMinutes(60), 11)));
        episodes.sort(Comparator.comparing(Episode::episodeId));
        long target = 48 * 1024;
        long rowGroup = 16 * 1024;
        OutputLayout layout = new OutputLayout(target, rowGroup, 1000, Splits.DEFAULT);
        AtomicInteger n = new AtomicInteger();
        List<ShardStats> shards = new ShardWriter(layout).writeRolling(dir, dir.resolve("audit"),
                () -> "part-t-" + n.getAndIncrement() + ".parquet", episodes.iterator());

        assertTrue(shards.size() >= 3, "the corpus is big enough to roll: " + shards.size() + " shards");
        Set<String> seenEpisodes = new HashSet<>();
        Map<String, String> splitOfUser = new HashMap<>();
        long rows = 0;
        int rowGroups = 0;
        for (ShardStats s : shards) {
            Path steps = dir.resolve(s.file());
            List<GenericRecord> records = ShardReader.read(steps);
            rows += records.size();
            String previous = "";
            int previousIndex = -1;
            Set<String> inFile = new HashSet<>();
            for (GenericRecord r : records) {
                String id = r.get("episode_id").toString();
                int index = (Integer) r.get("step_index");
                assertTrue(id.compareTo(previous) > 0 || (id.equals(previous) && index == previousIndex + 1),
                        "sorted by (episode_id, step_index)");
                if (!id.equals(previous)) {
                    assertTrue(seenEpisodes.add(id), "episode " + id + " is whole in one file");
                }
                inFile.add(id);
                previous = id;
                previousIndex = index;
                String user = r.get("user").toString();
                String split = r.get("split").toString();
                assertEquals(splitOfUser.computeIfAbsent(user, u -> split), split, "one split per person");
            }
            assertEquals(s.episodes(), inFile.size());
            for (BlockMetaData block : ShardReader.footer(steps).getBlocks()) {
                rowGroups++;
                assertTrue(block.getTotalByteSize() <= rowGroup,
                        "row group of " + block.getTotalByteSize() + " bytes uncompressed, limit " + rowGroup);
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertEquals(CompressionCodecName.ZSTD, column.getCodec(), column.getPath().toDotString());
                    assertTrue(column.getColumnIndexReference() != null && column.getOffsetIndexReference() != null,
                            "page index of " + column.getPath().toDotString());
                }
            }
            long size = Files.size(steps);
            // A file closes at the first episode boundary after it reaches the target: at most one
            // episode's rows (plus the footer) beyond it.
            assertTrue(size < target * 2, "file of " + size + " bytes, target " + target);
        }
        assertEquals(episodes.stream().mapToLong(e -> e.steps().size()).sum(), rows);
        assertEquals(episodes.size(), seenEpisodes.size());
        assertTrue(rowGroups > shards.size(), "row groups roll within files too: " + rowGroups);
        assertTrue(splitOfUser.size() >= 8);
    }

    @Test
    void repeatedStringsAreDictionaryEncodedAtTheDefaultRowGroupSize(@TempDir Path dir) throws Exception {
        // Tiny row groups (above) may fall back to plain encoding, which parquet-java does when a dictionary
        // would not pay; shards of the real size must use it (episodes.md: dictionary encoding on).
        List<Episode> episodes = SampleEpisodes.of(GeneratorSettings.of(4, Duration.ofMinutes(30), 12));
        ShardStats s = new ShardWriter(OutputLayout.DEFAULT).write(dir, dir.resolve("audit"), "part-d-0.parquet", episodes);
        for (BlockMetaData block : ShardReader.footer(dir.resolve(s.file())).getBlocks()) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                String name = column.getPath().toDotString();
                if (List.of("episode_id", "user", "action", "app", "window_title", "split").contains(name)) {
                    assertTrue(column.getEncodings().stream().anyMatch(org.apache.parquet.column.Encoding::usesDictionary),
                            name + ": " + column.getEncodings());
                }
            }
        }
    }
}
