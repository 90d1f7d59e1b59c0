package dev.episodes.writing;

import dev.episodes.pairing.UiContext;
import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;

/** Maps domain episodes to the Avro rows of episodes.md. Raw ids and event ids never cross here. */
public final class RowMapper {
    private RowMapper() {}

    public static dev.episodes.schema.output.Step stepRow(Episode episode, int index, Step s, String split) {
        UiContext c = s.context();
        return dev.episodes.schema.output.Step.newBuilder()
                .setEpisodeId(episode.episodeId())
                .setStepIndex(index)
                .setUser(episode.user())
                .setDevice(episode.device())
                .setTsUs(s.tsUs())
                .setEndTsUs(s.endTsUs())
                .setAction(s.action().wire())
                .setX(s.x()).setY(s.y()).setToX(s.toX()).setToY(s.toY())
                .setScrollDx(s.scrollDx()).setScrollDy(s.scrollDy())
                .setText(s.text()).setKeys(s.keys())
                .setApp(c.app()).setWindowTitle(c.windowTitle()).setUrl(c.url())
                .setElementRole(c.elementRole()).setElementName(c.elementName())
                .setScreenshotRef(c.screenshotRef()).setScreenW(c.screenW()).setScreenH(c.screenH())
                .setRedactions(s.redactionKinds())
                .setSplit(split)
                .build();
    }

    public static dev.episodes.schema.output.Episode episodeRow(Episode e, String stepsFile, String split) {
        return dev.episodes.schema.output.Episode.newBuilder()
                .setEpisodeId(e.episodeId())
                .setUser(e.user())
                .setDevice(e.device())
                .setStartTsUs(e.startTsUs())
                .setEndTsUs(e.endTsUs())
                .setNumSteps(e.steps().size())
                .setApps(e.apps())
                .setRedactionCount(e.redactionCount())
                .setFile(stepsFile)
                .setSplit(split)
                .build();
    }
}
