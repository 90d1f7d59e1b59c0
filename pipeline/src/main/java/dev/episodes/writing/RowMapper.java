package dev.episodes.writing;

import dev.episodes.frames.MaskRect;
import dev.episodes.frames.StoredFrame;
import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Step;
import dev.episodes.schema.output.FrameImage;
import dev.episodes.schema.output.FrameMask;
import dev.episodes.session.Episode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Maps domain episodes to the Avro rows of episodes.md. Raw ids and event ids never cross here. */
public final class RowMapper {
    private RowMapper() {}

    public static dev.episodes.schema.output.Step stepRow(Episode episode, int index, Step s, String split) {
        return stepRow(episode, index, s, split, dev.episodes.identity.TimeScope.ABSOLUTE);
    }

    /** A steps row; with relative time its times are offsets from the episode's start. */
    public static dev.episodes.schema.output.Step stepRow(Episode episode, int index, Step s, String split,
            dev.episodes.identity.TimeScope time) {
        UiContext c = s.context();
        long start = episode.startTsUs();
        return dev.episodes.schema.output.Step.newBuilder()
                .setEpisodeId(episode.episodeId())
                .setStepIndex(index)
                .setUser(episode.user())
                .setDevice(episode.device())
                .setTsUs(time.stepTime(s.tsUs(), start))
                .setEndTsUs(time.stepTime(s.endTsUs(), start))
                .setAction(s.action().wire())
                .setX(s.x()).setY(s.y()).setToX(s.toX()).setToY(s.toY())
                .setScrollDx(s.scrollDx()).setScrollDy(s.scrollDy())
                .setText(s.text()).setKeys(s.keys())
                .setApp(c.app()).setWindowTitle(c.windowTitle()).setUrl(c.url())
                .setElementRole(c.elementRole()).setElementName(c.elementName())
                // 1.1: the recorder's URI names devices and never leaves the pipeline; frame_id points at the frame.
                .setScreenshotRef(null).setFrameId(episode.frameIdOf(index))
                .setScreenW(c.screenW()).setScreenH(c.screenH())
                .setRedactions(s.redactionKinds())
                .setSplit(split)
                .build();
    }

    /** A frames row: one distinct frame of an episode; the image as the Hugging Face Image struct (no path). */
    public static dev.episodes.schema.output.Frame frameRow(Episode e, StoredFrame f) {
        List<FrameMask> masks = new ArrayList<>(f.masks().size());
        for (MaskRect m : f.masks()) {
            masks.add(new FrameMask(m.x(), m.y(), m.w(), m.h(), m.kind()));
        }
        return dev.episodes.schema.output.Frame.newBuilder()
                .setFrameId(f.frameId())
                .setEpisodeId(e.episodeId())
                .setImage(new FrameImage(ByteBuffer.wrap(f.image()), null))
                .setWidth(f.width())
                .setHeight(f.height())
                .setMasks(masks)
                .build();
    }

    public static dev.episodes.schema.output.Episode episodeRow(Episode e, String stepsFile, String split) {
        return episodeRow(e, stepsFile, split, dev.episodes.identity.TimeScope.ABSOLUTE);
    }

    /** An episodes row; with relative time it keeps only its date (or hour) and its length. */
    public static dev.episodes.schema.output.Episode episodeRow(Episode e, String stepsFile, String split,
            dev.episodes.identity.TimeScope time) {
        return dev.episodes.schema.output.Episode.newBuilder()
                .setEpisodeId(e.episodeId())
                .setUser(e.user())
                .setDevice(e.device())
                .setStartTsUs(time.episodeStart(e.startTsUs()))
                .setEndTsUs(time.episodeEnd(e.startTsUs(), e.endTsUs()))
                .setNumSteps(e.steps().size())
                .setApps(e.apps())
                .setRedactionCount(e.redactionCount())
                .setFile(stepsFile)
                .setSplit(split)
                .build();
    }
}
