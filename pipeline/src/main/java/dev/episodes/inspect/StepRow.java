package dev.episodes.inspect;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/** One row of a {@code steps} file (episodes.md), nulls where the dataset has none. */
public record StepRow(int stepIndex, long tsUs, long endTsUs, String action,
        Integer x, Integer y, Integer toX, Integer toY, Integer scrollDx, Integer scrollDy, String text, String keys,
        String app, String windowTitle, String url, String elementRole, String elementName, String screenshotRef,
        Integer screenW, Integer screenH, List<String> redactions, String frameId) {

    public StepRow {
        redactions = List.copyOf(redactions);
    }

    /** A step without a frame (and every step of a dataset before schema 1.1). */
    public StepRow(int stepIndex, long tsUs, long endTsUs, String action, Integer x, Integer y, Integer toX,
            Integer toY, Integer scrollDx, Integer scrollDy, String text, String keys, String app, String windowTitle,
            String url, String elementRole, String elementName, String screenshotRef, Integer screenW, Integer screenH,
            List<String> redactions) {
        this(stepIndex, tsUs, endTsUs, action, x, y, toX, toY, scrollDx, scrollDy, text, keys, app, windowTitle, url,
                elementRole, elementName, screenshotRef, screenW, screenH, redactions, null);
    }

    static StepRow of(GenericRecord r) {
        return new StepRow((int) Columns.number(r, "step_index"), Columns.number(r, "ts_us"),
                Columns.number(r, "end_ts_us"), Columns.text(r, "action"),
                Columns.integer(r, "x"), Columns.integer(r, "y"), Columns.integer(r, "to_x"), Columns.integer(r, "to_y"),
                Columns.integer(r, "scroll_dx"), Columns.integer(r, "scroll_dy"),
                Columns.text(r, "text"), Columns.text(r, "keys"), Columns.text(r, "app"), Columns.text(r, "window_title"),
                Columns.text(r, "url"), Columns.text(r, "element_role"), Columns.text(r, "element_name"),
                Columns.text(r, "screenshot_ref"), Columns.integer(r, "screen_w"), Columns.integer(r, "screen_h"),
                Columns.texts(r, "redactions"), Columns.text(r, "frame_id"));
    }
}
