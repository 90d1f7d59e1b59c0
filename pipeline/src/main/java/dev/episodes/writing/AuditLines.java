package dev.episodes.writing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.redaction.Redaction;

/** One line of {@code _audit/}: where a redaction happened and why, never what was redacted. */
public final class AuditLines {
    private AuditLines() {}

    public static String toJson(String episodeId, int stepIndex, Redaction r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("episode_id", episodeId);
        o.put("step_index", stepIndex);
        o.put("field", r.field());
        o.put("kind", r.kind());
        o.put("rule", r.rule());
        return o.toString();
    }
}
