package dev.episodes.writing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Opens Parquet writers the way episodes.md asks: zstd, dictionary on, bounded row groups, no Hadoop;
 * and the same bytes for the same rows in every JVM ({@link ParquetFooter}).
 */
public final class ParquetFiles {
    /** Row groups of at most 128 MB uncompressed (episodes.md). */
    public static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    /** The Avro record of a frames row. */
    static final String FRAME = "dev.episodes.schema.output.Frame";
    /** The column of a frame's encoded bytes. */
    static final String IMAGE_BYTES = "image.bytes";

    private ParquetFiles() {}

    public static <T> ParquetWriter<T> open(Path file, Schema schema) throws IOException {
        return open(file, schema, ROW_GROUP_BYTES);
    }

    /** Column and offset indexes (the page index) are written by parquet-java by default; readers skip pages with them. */
    public static <T> ParquetWriter<T> open(Path file, Schema schema, long rowGroupBytes) throws IOException {
        return open(new ParquetOutput(file), schema, rowGroupBytes);
    }

    /** A writer into {@code out}, whose position tells the bytes on disk so far; the footer is normalized on close. */
    public static <T> ParquetWriter<T> open(ParquetOutput out, Schema schema, long rowGroupBytes) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Standard three-level lists, so DuckDB, PyArrow and Spark read list<string> columns as lists.
        conf.set("parquet.avro.write-old-list-structure", "false");
        AvroParquetWriter.Builder<T> b = AvroParquetWriter.<T>builder(out);
        if (schema.getFullName().equals(FRAME)) {
            // Whoever writes frames rows (the shard writer, a compaction, an erasure or rebuild rewriting
            // them) makes a file `datasets` decodes: the Image feature in the footer. Distinct images never
            // repeat, so a dictionary for them is only tried and dropped. Each row is a large image: the
            // row-group size is checked after every row (by default after 100, 100 screenshots past it). No
            // min/max statistics of image bytes: nobody filters on them, and they cost bytes (1.5% of a file of
            // 24x24 PNGs). Measured: 146 PNGs of 200x120, 9,914,101 bytes, make a 9,923,450-byte file with the
            // dictionary off, the same with it on (parquet-java falls back to plain): off skips the attempt.
            b = b.withExtraMetaData(Map.of(HuggingFaceFeatures.KEY, HuggingFaceFeatures.of(schema)))
                    .withDictionaryEncoding(IMAGE_BYTES, false)
                    .withStatisticsEnabled(IMAGE_BYTES, false)
                    .withMinRowCountForPageSizeCheck(1)
                    .withMaxRowCountForPageSizeCheck(1);
        }
        return b
                .withSchema(schema)
                .withDataModel(SpecificData.get())
                .withConf(conf)
                .withCodecFactory(new ZstdCodecFactory())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withDictionaryEncoding(true)
                .withRowGroupSize(rowGroupBytes)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }
}
