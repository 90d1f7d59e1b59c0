package dev.episodes.session;

import dev.episodes.reduction.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the open episode's steps wait until it closes. Appending is all an event does to them; they are
 * read once, when the episode closes. Kept apart from the rest of a device's state so that, in a job on
 * a serializing state backend, an event costs the same whether the open episode has 10 steps or 10,000.
 */
public interface OpenSteps {
    void add(Step step);

    /** Every step added since the last call, in the order added; afterwards none. */
    List<Step> takeAll();

    /** A list on the heap: for tests, offline timelines and anything without a state backend. */
    static OpenSteps inMemory() {
        return new OpenSteps() {
            private final List<Step> steps = new ArrayList<>();

            @Override
            public void add(Step step) {
                steps.add(step);
            }

            @Override
            public List<Step> takeAll() {
                List<Step> all = List.copyOf(steps);
                steps.clear();
                return all;
            }
        };
    }
}
