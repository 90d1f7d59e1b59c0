package dev.episodes.frames;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A frame as the dataset stores it: encoded image bytes ({@code format} png or jpeg), its size, and the
 * masks filled on it in its own pixels. {@code frameId} is a digest of the episode id and the bytes.
 */
public record StoredFrame(String frameId, byte[] image, String format, int width, int height, List<MaskRect> masks) {

    public StoredFrame {
        masks = List.copyOf(masks);
    }

    // By content: a record compares arrays by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof StoredFrame f && frameId.equals(f.frameId) && Arrays.equals(image, f.image)
                && format.equals(f.format) && width == f.width && height == f.height && masks.equals(f.masks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frameId, Arrays.hashCode(image), format, width, height, masks);
    }

    @Override
    public String toString() {
        return "StoredFrame[" + frameId + ", " + format + " " + width + "x" + height + ", " + image.length + " B, "
                + masks.size() + " masks]";
    }
}
