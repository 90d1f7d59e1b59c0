package dev.episodes.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The screenshots' truth as JSON Lines beside them (one screenshot a line: its ref, sizes, and boxes with
 * kind and surface), for tools and the integration tests of other modules. Kinds only: no secret in it.
 */
final class TruthFile {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private TruthFile() {}

    static void write(Path file, List<ScreenTruth> screens) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ScreenTruth t : screens) {
                w.write(line(t));
                w.write('\n');
            }
        }
    }

    static String line(ScreenTruth t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ref", t.ref());
        o.put("device_id", t.deviceId());
        o.put("ts_us", t.tsUs());
        o.put("width", t.width());
        o.put("height", t.height());
        o.put("screen_w", t.screenW());
        o.put("screen_h", t.screenH());
        ArrayNode boxes = o.putArray("boxes");
        for (ScreenTruth.Box b : t.boxes()) {
            ObjectNode n = boxes.addObject();
            n.put("x", b.x());
            n.put("y", b.y());
            n.put("w", b.w());
            n.put("h", b.h());
            n.put("kind", b.kind());
            n.put("surface", b.surface().name().toLowerCase(java.util.Locale.ROOT));
            n.put("expect_masked", b.expectMasked());
        }
        return o.toString();
    }
}
