package dev.episodes.frames;

import java.util.List;

/**
 * What a step's frame is made from: the recorder's screenshot URI (never written out), the screen size
 * the step's coordinates are in (null when the recorder did not say: the image's own size is used), the
 * step's app after redaction (scope regions may be limited to an app), and the masks planned in screen
 * pixels.
 */
public record ShotRequest(String uri, Integer screenW, Integer screenH, String app, List<MaskRect> masks) {

    public ShotRequest {
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("a shot has a URI");
        }
        masks = List.copyOf(masks);
    }
}
