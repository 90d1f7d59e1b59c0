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
import org.apache.parquet.io.LocalOutputFile;

/** Opens Parquet writers the way episodes.md asks: zstd, dictionary on, bounded row groups, no Hadoop. */
public final class ParquetFiles {
    /** Row groups of at most 128 MB uncompressed (episodes.md). */
    public static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private ParquetFiles() {}

    public static <T> ParquetWriter<T> open(Path file, Schema schema) throws IOException {
        return open(file, schema, ROW_GROUP_BYTES);
    }

    /** Column and offset indexes (the page index) are written by parquet-java by default; readers skip pages with them. */
    public static <T> ParquetWriter<T> open(Path file, Schema schema, long rowGroupBytes) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Standard three-level lists, so DuckDB, PyArrow and Spark read list<string> columns as lists.
        conf.set("parquet.avro.write-old-list-structure", "false");
        return AvroParquetWriter.<T>builder(new LocalOutputFile(file))
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
