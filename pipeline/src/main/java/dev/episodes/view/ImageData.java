package dev.episodes.view;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A frame's stored bytes as a {@code data:} URI, by what the bytes are, never by what a row claims: only
 * PNG and JPEG are embedded, so no other type (SVG with scripts, HTML) reaches the page. A signature is
 * not enough (anything can follow {@code 89 50 4E 47 0D 0A 1A 0A} or {@code FF D8 FF}): an image reader
 * must parse the header and find a width and height.
 */
final class ImageData {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageData() {}

    /** {@code data:image/png;base64,...} for bytes of type {@code type} (from {@link #type}), or null. */
    static String uri(byte[] bytes, String type) {
        return type == null ? null : "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code image/png} or {@code image/jpeg} when the bytes are one (its header parses), else null. */
    static String type(byte[] b) {
        if (b == null || b.length < PNG.length) {
            return null;
        }
        if (Arrays.equals(b, 0, PNG.length, PNG, 0, PNG.length)) {
            return parses(b, "png") ? "image/png" : null;
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return parses(b, "jpeg") ? "image/jpeg" : null;
        }
        return null;
    }

    /** Whether a reader of {@code format} finds the image's size (its header is whole), without decoding it. */
    private static boolean parses(byte[] b, String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            return false;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(b))) {
            reader.setInput(in, true, true);
            return reader.getWidth(0) > 0 && reader.getHeight(0) > 0;
        } catch (IOException | RuntimeException notAnImage) {
            return false;
        } finally {
            reader.dispose();
        }
    }
}
