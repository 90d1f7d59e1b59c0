package dev.episodes.writing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Column documentation for {@code _meta/info.json}, taken from the Avro schemas' docs and episodes.md. */
public final class ColumnDocs {
    public static final Map<String, Map<String, String>> ALL;

    static {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("episode_id", "deterministic id of the episode (a function of its input, not of the run); under "
                + "--identity episode or day, or --time relative, also of the key and the scopes, so datasets of the "
                + "same input under other scopes share no id");
        steps.put("step_index", "0, 1, 2... contiguous within the episode, in time order");
        steps.put("user", "keyed HMAC-SHA256 pseudonym of the person; never the raw id");
        steps.put("device", "keyed HMAC-SHA256 pseudonym of the device");
        steps.put("ts_us", "event time of the step's first raw event, microseconds since the epoch (UTC)");
        steps.put("end_ts_us", "event time of the step's last raw event");
        steps.put("action", "click, double_click, triple_click, right_click, middle_click, drag, scroll, type, key, hotkey");
        steps.put("x", "pointer x for pointer actions (drag: start)");
        steps.put("y", "pointer y for pointer actions (drag: start)");
        steps.put("to_x", "drag end x");
        steps.put("to_y", "drag end y");
        steps.put("scroll_dx", "summed horizontal wheel delta of a scroll step, pixels");
        steps.put("scroll_dy", "summed vertical wheel delta of a scroll step, pixels (positive scrolls down)");
        steps.put("text", "type: the text left in the element after all edits, sensitive spans as placeholders");
        steps.put("keys", "key: W3C key name; hotkey: ctrl, alt, shift, meta then the key, lower case, joined by +");
        steps.put("app", "foreground application at ts_us");
        steps.put("window_title", "window title at ts_us, after redaction");
        steps.put("url", "address shown at ts_us, after redaction");
        steps.put("element_role", "ARIA-style role of the focused element");
        steps.put("element_name", "accessible name of the focused element, after redaction");
        steps.put("screenshot_ref", "always null since 1.1: the recorder's store URI never leaves the pipeline (it names "
                + "devices); see frame_id");
        steps.put("frame_id", "the frame (screenshot before the action, masked) in this partition's frames table; null "
                + "when there was none or it could not be read");
        steps.put("screen_w", "virtual desktop width, pixels");
        steps.put("screen_h", "virtual desktop height, pixels");
        steps.put("redactions", "kinds redacted in this step, e.g. [\"PASSWORD\"]");
        steps.put("split", "training split of the person (train, validation, test): a hash of the user pseudonym");
        Map<String, String> episodes = new LinkedHashMap<>();
        episodes.put("episode_id", "as in steps");
        episodes.put("user", "as in steps");
        episodes.put("device", "as in steps");
        episodes.put("start_ts_us", "ts_us of the first step");
        episodes.put("end_ts_us", "largest end_ts_us of its steps");
        episodes.put("num_steps", "number of steps");
        episodes.put("apps", "apps in order of first use");
        episodes.put("redaction_count", "number of redactions in its steps");
        episodes.put("file", "the steps file that holds the episode, relative to the partition");
        episodes.put("split", "training split of the person, as in steps");
        Map<String, String> frames = new LinkedHashMap<>();
        frames.put("frame_id", "deterministic id of the frame: a digest of the episode id and the stored bytes; "
                + "steps.frame_id points at it");
        frames.put("episode_id", "the episode whose steps use the frame, as in steps");
        frames.put("image", "struct<bytes: binary, path: string>, the Hugging Face Image feature (declared in the "
                + "file's huggingface schema metadata): the encoded PNG or JPEG; path is always null");
        frames.put("width", "width of the stored image, pixels");
        frames.put("height", "height of the stored image, pixels");
        frames.put("masks", "list<struct<x, y, w, h: int32, kind: string>> in stored-image pixels: every region "
                + "filled solid (not blurred) before storing; kind is secure_field, typed_secret, redacted_name or "
                + "scope_region");
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("steps", steps);
        all.put("episodes", episodes);
        all.put("frames", frames);
        ALL = Map.copyOf(all);
    }

    private ColumnDocs() {}
}
