package dev.episodes.writing;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet compression on zstd-jni directly. parquet-java's own codec factory loads Hadoop classes at
 * run time; this one keeps Hadoop off the path of the job jar and the CLI.
 */
public final class ZstdCodecFactory implements CompressionCodecFactory {
    /** zstd's default level: a good ratio at several hundred MB/s per core. */
    public static final int LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) throws IOException {
                    return BytesInput.from(Zstd.compress(bytes.toByteArray(), LEVEL));
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.ZSTD;
                }

                @Override
                public void release() {}
            };
            case UNCOMPRESSED -> new BytesInputCompressor() {
                @Override
                public BytesInput compress(BytesInput bytes) {
                    return bytes;
                }

                @Override
                public CompressionCodecName getCodecName() {
                    return CompressionCodecName.UNCOMPRESSED;
                }

                @Override
                public void release() {}
            };
            default -> throw new IllegalArgumentException("unsupported codec " + codec);
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case ZSTD -> new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                    byte[] out = Zstd.decompress(bytes.toByteArray(), uncompressedSize);
                    return BytesInput.from(out);
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                    byte[] in = new byte[compressedSize];
                    input.get(in);
                    output.put(Zstd.decompress(in, uncompressedSize));
                }

                @Override
                public void release() {}
            };
            case UNCOMPRESSED -> new BytesInputDecompressor() {
                @Override
                public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
                    return bytes;
                }

                @Override
                public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
                    ByteBuffer slice = input.slice();
                    slice.limit(compressedSize);
                    output.put(slice);
                }

                @Override
                public void release() {}
            };
            default -> throw new IllegalArgumentException("unsupported codec " + codec);
        };
    }

    @Override
    public void release() {}
}
