package dev.episodes.flink.operators;

import dev.episodes.session.Episode;
import dev.episodes.window.BuildWindow;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/** Keeps the episodes that start in a build's window; counts the others (they belong to another build). */
public final class EpisodeWindowFilter extends RichFilterFunction<Episode> {
    private static final long serialVersionUID = 1L;
    private final BuildWindow window;
    private transient LongCounter outside;

    public EpisodeWindowFilter(BuildWindow window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext openContext) {
        outside = getRuntimeContext().getLongCounter(Counters.EPISODES_OUTSIDE_WINDOW);
    }

    @Override
    public boolean filter(Episode episode) {
        if (window.keeps(episode.startTsUs())) {
            return true;
        }
        outside.add(1L);
        return false;
    }
}
