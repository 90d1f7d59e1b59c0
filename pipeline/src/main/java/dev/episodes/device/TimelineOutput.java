package dev.episodes.device;

import dev.episodes.session.Episode;

/** Where a device timeline's results go: closed episodes, and counts of steps dropped by policy. */
public interface TimelineOutput {
    void episode(Episode episode);

    /** A step was dropped entirely ({@code out_of_scope}, {@code denied_app}, {@code denied_url}): never why in detail. */
    void dropped(String reason);
}
