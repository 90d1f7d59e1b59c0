package dev.episodes.flink.operators;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.session.Episode;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts what the frames stage made, for the run summary: {@link Counters#FRAMES_STORED} and
 * {@link Counters#FRAMES_FAILED_PREFIX}{@code <reason>} (steps). Chained after {@link FramesFunction},
 * whose async runtime context has no accumulators.
 */
public final class FramesCounts extends RichMapFunction<Episode, Episode> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "frames-counts";

    private transient LongCounter stored;
    private transient Map<String, LongCounter> failed;

    @Override
    public void open(OpenContext context) {
        stored = getRuntimeContext().getLongCounter(Counters.FRAMES_STORED);
        failed = new HashMap<>();
    }

    @Override
    public Episode map(Episode episode) {
        EpisodeFrames f = episode.frames();
        if (f != null) {
            stored.add((long) f.frames().size());
            f.failures().forEach((reason, n) -> failed.computeIfAbsent(reason,
                    r -> getRuntimeContext().getLongCounter(Counters.FRAMES_FAILED_PREFIX + r)).add(n));
        }
        return episode;
    }
}
