package dev.episodes.redaction.detect;

import java.util.List;

/** Finds sensitive spans in a string. Pure and local: no detector calls anything over the network. */
public interface Detector {
    void find(String text, List<Span> out);
}
