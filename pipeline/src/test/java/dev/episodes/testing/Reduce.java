package dev.episodes.testing;

import dev.episodes.event.RawEvent;
import dev.episodes.reduction.ActionReducer;
import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;

/** Runs the reducer over ordered events, as the device timeline does. */
public final class Reduce {
    public static final long GAP_US = 300_000_000L;

    private Reduce() {}

    public static List<Step> steps(List<RawEvent> ordered) {
        ActionReducer reducer = new ActionReducer(GAP_US);
        List<Step> out = new ArrayList<>();
        for (RawEvent e : ordered) {
            reducer.accept(e, out::add);
        }
        reducer.finish(out::add);
        return out;
    }
}
