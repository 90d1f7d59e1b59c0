package dev.episodes.writing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads a shard back with parquet-java, as generic records (for inspection and verification). */
public final class ShardReader {
    private ShardReader() {}

    public static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withCodecFactory(new ZstdCodecFactory())
                .build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** The file's footer: row groups, their sizes and columns (without Hadoop on the classpath). */
    public static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(Path file) throws IOException {
        var options = org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory()).build();
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(file), options)) {
            return reader.getFooter();
        }
    }
}
