package dev.episodes.ordering;

import dev.episodes.event.RawEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's events waiting for the watermark, in a store of their own, in any order: an event appends
 * one, a release (once per advance of event time) reads them all, sorts them and puts back the ones the
 * watermark has not passed. An event's cost does not grow with how many wait; in a replay, where event
 * time runs far ahead of the clock between two watermarks, thousands may.
 */
public interface WaitingEvents {
    void add(RawEvent event);

    /** Every waiting event, in no particular order, in a new list the caller may change. */
    List<RawEvent> all();

    /** The events still waiting after a release. */
    void replace(List<RawEvent> rest);

    /** A list on the heap: for tests, offline use and anything without a state backend. */
    static WaitingEvents inMemory() {
        return new WaitingEvents() {
            private final List<RawEvent> events = new ArrayList<>();

            @Override
            public void add(RawEvent event) {
                events.add(event);
            }

            @Override
            public List<RawEvent> all() {
                return new ArrayList<>(events);
            }

            @Override
            public void replace(List<RawEvent> rest) {
                events.clear();
                events.addAll(rest);
            }
        };
    }
}
