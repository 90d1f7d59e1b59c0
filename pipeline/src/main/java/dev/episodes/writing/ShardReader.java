package dev.episodes.writing;

import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;

/**
 * Reads a shard back with parquet-java, as generic records (for inspection, verification, erasure and
 * compaction): a local file, or a file in a {@link Store} of any kind.
 */
public final class ShardReader {
    private ShardReader() {}

    /** A file of a store as Parquet input (seekable: the footer first, then the row groups needed). */
    public static InputFile in(Store store, String key) {
        return new StoreInputFile(store, key);
    }

    public static List<GenericRecord> read(Store store, String key) throws IOException {
        return read(in(store, key));
    }

    public static void scan(Store store, String key, Predicate<GenericRecord> visitor) throws IOException {
        scan(in(store, key), new PlainParquetConfiguration(), FilterCompat.NOOP, visitor);
    }

    public static List<GenericRecord> rowsWhere(Store store, String key, String column, String value)
            throws IOException {
        return rowsWhere(in(store, key), column, value);
    }

    public static void scanColumns(Store store, String key, Schema projection, Predicate<GenericRecord> visitor)
            throws IOException {
        scanColumns(in(store, key), projection, visitor);
    }

    /** A reader that hands rows one at a time in file order ({@code read()} is null at the end); close it. */
    public static ParquetReader<GenericRecord> open(Store store, String key) throws IOException {
        return AvroParquetReader.<GenericRecord>builder(in(store, key), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withCodecFactory(new ZstdCodecFactory())
                .build();
    }

    public static List<GenericRecord> read(InputFile file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        scan(file, new PlainParquetConfiguration(), FilterCompat.NOOP, rows::add);
        return rows;
    }

    public static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        scan(file, rows::add);
        return rows;
    }

    /** Hands rows to {@code visitor} in file order until it returns false, without holding the file in memory. */
    public static void scan(Path file, Predicate<GenericRecord> visitor) throws IOException {
        scan(file, FilterCompat.NOOP, visitor);
    }

    /**
     * The rows whose string {@code column} equals {@code value}. Row groups whose statistics exclude the
     * value are skipped unread, so finding one episode in a large file stays cheap.
     */
    public static List<GenericRecord> rowsWhere(Path file, String column, String value) throws IOException {
        return rowsWhere(new LocalInputFile(file), column, value);
    }

    private static List<GenericRecord> rowsWhere(InputFile file, String column, String value) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        scan(file, new PlainParquetConfiguration(),
                FilterCompat.get(FilterApi.eq(FilterApi.binaryColumn(column), Binary.fromString(value))), rows::add);
        return rows;
    }

    /** Like {@link #scan} with only the columns of {@code projection} read: the others are skipped unread. */
    public static void scanColumns(Path file, Schema projection, Predicate<GenericRecord> visitor) throws IOException {
        scanColumns(new LocalInputFile(file), projection, visitor);
    }

    private static void scanColumns(InputFile file, Schema projection, Predicate<GenericRecord> visitor)
            throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection.toString());
        scan(file, conf, FilterCompat.NOOP, visitor);
    }

    private static void scan(Path file, FilterCompat.Filter filter, Predicate<GenericRecord> visitor)
            throws IOException {
        scan(new LocalInputFile(file), new PlainParquetConfiguration(), filter, visitor);
    }

    private static void scan(InputFile file, PlainParquetConfiguration conf, FilterCompat.Filter filter,
            Predicate<GenericRecord> visitor) throws IOException {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(file, conf)
                .withDataModel(GenericData.get())
                .withCodecFactory(new ZstdCodecFactory())
                .withFilter(filter)
                .build()) {
            GenericRecord r;
            while ((r = reader.read()) != null && visitor.test(r)) {
                // the visitor does the work
            }
        }
    }

    /** The file's footer: row groups, their sizes and columns (without Hadoop on the classpath). */
    public static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(Path file) throws IOException {
        return footer(new LocalInputFile(file));
    }

    public static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(InputFile file) throws IOException {
        var options = org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory()).build();
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(file, options)) {
            return reader.getFooter();
        }
    }

    /** The file's key-value metadata (the footer's; e.g. {@code huggingface} of a frames file). */
    public static java.util.Map<String, String> keyValueMetadata(Store store, String key) throws IOException {
        return footer(in(store, key)).getFileMetaData().getKeyValueMetaData();
    }
}
