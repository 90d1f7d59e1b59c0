package dev.episodes.flink.serialization;

/** The layout samples' closed episode, for tests of other packages. */
public final class LayoutSamplesAccess {
    private LayoutSamplesAccess() {}

    public static dev.episodes.session.Episode closedEpisode() {
        return LayoutSamples.closedEpisode();
    }
}
