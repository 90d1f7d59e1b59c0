package dev.episodes.writing;

import java.io.IOException;
import java.nio.file.Path;
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
        return AvroParquetWriter.<T>builder(out)
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
