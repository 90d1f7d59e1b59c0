package dev.episodes.frames.corpus;

import dev.episodes.frames.FrameFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One case of the adversarial frames corpus: a device's events (in {@code events.jsonl}, users and devices
 * of their own) and the screenshots they reference, each with what must come of it.
 *
 * @param name short, also the folder of its images
 * @param why what a recorder or platform does here that the generator never does
 */
public record FramesCase(String name, String why, String userId, String deviceId, List<Shot> shots) {

    public FramesCase {
        shots = List.copyOf(shots);
    }

    /**
     * A screenshot as referenced by one or more context events ({@code contextTsUs}) and its truth, in
     * IMAGE pixels of the file: {@code mustMask} regions must be covered by the stored frame's masks in
     * every frame made from it (the glyphs of a secret, padded for antialiasing, or a secure field's
     * bounds); {@code untouched} regions hold no secret and lie away from every element a mask could be
     * planned on: their pixels must survive (scaled). {@code failures}: non-empty when no frame can be
     * made; any of these reasons is right.
     *
     * @param file where the bytes are (null when nothing is there on purpose)
     * @param format png, jpeg, gray-png, palette-png, alpha-png, or what the bytes are instead
     */
    public record Shot(String ref, Path file, String format, int imageW, int imageH, Integer screenW, Integer screenH,
            List<Long> contextTsUs, List<Region> mustMask, List<Region> untouched, Set<FrameFailure.Reason> failures) {
        public Shot {
            contextTsUs = List.copyOf(contextTsUs);
            mustMask = List.copyOf(mustMask);
            untouched = List.copyOf(untouched);
            failures = Set.copyOf(failures);
        }

        public boolean fails() {
            return !failures.isEmpty();
        }
    }

    /** A rectangle in image pixels and what it holds (a secret's kind, secure_field, or what is there). */
    public record Region(int x, int y, int w, int h, String what) {
        public boolean intersects(Region o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        public boolean contains(int px, int py) {
            return px >= x && py >= y && px < x + w && py < y + h;
        }
    }
}
