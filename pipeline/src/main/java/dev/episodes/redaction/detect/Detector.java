package dev.episodes.redaction.detect;

import java.util.List;

/** Finds sensitive spans in a string. Pure and local: no detector calls anything over the network. */
public interface Detector {
    /** Adds the spans found in {@code text} to {@code out}, which holds what earlier detectors found. */
    void find(String text, List<Span> out);
}
