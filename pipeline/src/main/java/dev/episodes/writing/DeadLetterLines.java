package dev.episodes.writing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.decode.DeadLetter;

/** The JSON Lines form of a dead letter in {@code _rejected/}: reason, detail and the raw record. */
public final class DeadLetterLines {
    private DeadLetterLines() {}

    public static String toJson(DeadLetter dl) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("reason", dl.reason().wire());
        o.put("detail", dl.detail());
        o.put("raw", dl.raw());
        return o.toString();
    }
}
