package dev.episodes.writing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Puts a Parquet footer's unordered lists in a fixed order. parquet-java collects a column chunk's
 * encodings in a {@code HashSet} of an enum, whose iteration order follows identity hash codes and so
 * differs from one JVM to the next: the same rows gave files with other bytes. The footer is thrift
 * {@code FileMetaData} at the end of the file ({@code <footer><4-byte little-endian length>PAR1}); it is
 * read, its encodings (and key/value metadata) sorted and written back in place. Nothing before the
 * footer refers to it, so even a footer of another length would stay a valid file.
 */
public final class ParquetFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final Comparator<Encoding> BY_VALUE = Comparator.comparingInt(Encoding::getValue);

    private ParquetFooter() {}

    /**
     * Normalizes the footer of a complete Parquet file (a file without the trailing magic, as an aborted
     * write leaves it, is left as it is); returns the file's size afterwards.
     */
    public static long normalize(Path file) throws IOException {
        return normalize(file, java.util.Map.of());
    }

    /** As {@link #normalize(Path)}, with these key-value metadata entries added (or replaced). */
    public static long normalize(Path file, java.util.Map<String, String> extra) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size < 2L * MAGIC.length + 4) {
                return size;
            }
            ByteBuffer tail = read(ch, size - 8, 8).order(ByteOrder.LITTLE_ENDIAN);
            int length = tail.getInt(0);
            long start = size - 8 - length;
            if (!isMagic(tail, 4) || length <= 0 || start < MAGIC.length) {
                return size;
            }
            FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(read(ch, start, length).array()));
            boolean added = add(footer, extra);
            if (!sort(footer) && !added) {
                return size;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
            Util.writeFileMetaData(footer, bytes);
            ByteBuffer out = ByteBuffer.allocate(bytes.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
            out.put(bytes.toByteArray()).putInt(bytes.size()).put(MAGIC).flip();
            long pos = start;
            while (out.hasRemaining()) {
                pos += ch.write(out, pos);
            }
            ch.truncate(pos);
            return pos;
        }
    }

    private static boolean add(FileMetaData footer, java.util.Map<String, String> extra) {
        if (extra.isEmpty()) {
            return false;
        }
        List<KeyValue> kv = new ArrayList<>(footer.getKey_value_metadata() == null ? List.of()
                : footer.getKey_value_metadata());
        kv.removeIf(e -> extra.containsKey(e.getKey()));
        extra.forEach((k, v) -> {
            KeyValue e = new KeyValue(k);
            e.setValue(v);
            kv.add(e);
        });
        footer.setKey_value_metadata(kv);
        return true;
    }

    /** Sorts what has no meaning in its order; true when anything moved. */
    static boolean sort(FileMetaData footer) {
        boolean changed = false;
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                if (column != null && column.getEncodings() != null) {
                    List<Encoding> sorted = new ArrayList<>(column.getEncodings());
                    sorted.sort(BY_VALUE);
                    if (!sorted.equals(column.getEncodings())) {
                        column.setEncodings(sorted);
                        changed = true;
                    }
                }
            }
        }
        if (footer.getKey_value_metadata() != null) {
            List<KeyValue> sorted = new ArrayList<>(footer.getKey_value_metadata());
            sorted.sort(Comparator.comparing(KeyValue::getKey));
            if (!sorted.equals(footer.getKey_value_metadata())) {
                footer.setKey_value_metadata(sorted);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean isMagic(ByteBuffer b, int offset) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(offset + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new EOFException("Parquet footer beyond the end of the file");
            }
        }
        return b.flip();
    }
}
