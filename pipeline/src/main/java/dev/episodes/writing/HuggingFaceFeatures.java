package dev.episodes.writing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * The {@code huggingface} key-value metadata of a Parquet file: {@code {"info":{"features":{...}}}}, the
 * way Hugging Face {@code datasets} writes it, so {@code load_dataset("parquet", ...)} decodes the frames'
 * {@code image} column as an image with no configuration. Features follow the Avro schema: strings and
 * ints are {@code Value}s, a list of records is a JSON list holding the record's features (what
 * {@code datasets} itself writes for list&lt;struct&gt;, read by every version), a list of scalars a
 * {@code Sequence}; a record named {@value #IMAGE_RECORD} is the {@code Image} feature.
 */
public final class HuggingFaceFeatures {
    /** The key in the Parquet footer. */
    public static final String KEY = "huggingface";
    /** The Avro record that is the {@code Image} struct {bytes, path}. */
    static final String IMAGE_RECORD = "FrameImage";

    private HuggingFaceFeatures() {}

    /** The metadata value for rows of {@code schema} (a record). */
    public static String of(Schema schema) {
        ObjectNode features = JsonNodeFactory.instance.objectNode();
        for (Schema.Field f : schema.getFields()) {
            features.set(f.name(), feature(f.schema()));
        }
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.putObject("info").set("features", features);
        return info.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode feature(Schema s) {
        switch (s.getType()) {
            case UNION:
                for (Schema branch : s.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL) {
                        return feature(branch); // nullable: datasets features are all nullable
                    }
                }
                throw new IllegalArgumentException("a union of nulls has no feature");
            case RECORD:
                if (s.getName().equals(IMAGE_RECORD)) {
                    ObjectNode image = JsonNodeFactory.instance.objectNode();
                    image.put("_type", "Image");
                    return image;
                }
                ObjectNode struct = JsonNodeFactory.instance.objectNode();
                for (Schema.Field f : s.getFields()) {
                    struct.set(f.name(), feature(f.schema()));
                }
                return struct;
            case ARRAY:
                com.fasterxml.jackson.databind.JsonNode item = feature(s.getElementType());
                if (item.has("_type")) {
                    ObjectNode seq = JsonNodeFactory.instance.objectNode();
                    seq.set("feature", item);
                    seq.put("_type", "Sequence");
                    return seq;
                }
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                list.add(item);
                return list;
            default:
                ObjectNode value = JsonNodeFactory.instance.objectNode();
                value.put("dtype", dtype(s.getType()));
                value.put("_type", "Value");
                return value;
        }
    }

    private static String dtype(Schema.Type t) {
        return switch (t) {
            case STRING, ENUM -> "string";
            case INT -> "int32";
            case LONG -> "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOLEAN -> "bool";
            case BYTES, FIXED -> "binary";
            default -> throw new IllegalArgumentException("no Hugging Face feature for Avro " + t);
        };
    }
}
