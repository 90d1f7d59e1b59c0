package dev.episodes.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;

/**
 * One row of a {@code frames} file in full (episodes.md 1.1): its encoded image bytes as stored (null when
 * the row holds none) and the masks filled on it, in the image's own pixels. For looking at an episode;
 * a timeline only needs {@link FrameSummary}.
 */
public record FrameRow(String frameId, int width, int height, byte[] image, List<Mask> masks) {

    /** A filled rectangle and why ({@code kind}, e.g. {@code secure_field}). */
    public record Mask(int x, int y, int w, int h, String kind) {}

    public FrameRow {
        masks = List.copyOf(masks);
    }

    static FrameRow of(GenericRecord r) {
        byte[] bytes = null;
        if (r.get("image") instanceof GenericRecord image && image.get("bytes") instanceof ByteBuffer b) {
            bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
        }
        List<Mask> masks = new ArrayList<>();
        if (r.get("masks") instanceof Iterable<?> all) {
            for (Object o : all) {
                GenericRecord m = (GenericRecord) o;
                masks.add(new Mask((Integer) m.get("x"), (Integer) m.get("y"), (Integer) m.get("w"),
                        (Integer) m.get("h"), String.valueOf(m.get("kind"))));
            }
        }
        return new FrameRow(r.get("frame_id").toString(), (Integer) r.get("width"), (Integer) r.get("height"), bytes,
                masks);
    }

    // By content: a record compares arrays by identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof FrameRow f && frameId.equals(f.frameId) && width == f.width && height == f.height
                && Arrays.equals(image, f.image) && masks.equals(f.masks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frameId, width, height, Arrays.hashCode(image), masks);
    }

    @Override
    public String toString() {
        return "FrameRow[" + frameId + ", " + width + "x" + height + ", " + (image == null ? 0 : image.length) + " B, "
                + masks.size() + " masks]";
    }
}
