package dev.episodes.cli;

import dev.episodes.config.PipelineConfig;
import dev.episodes.window.BuildWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** How much input around a window a bounded build reads, so its episodes match the streaming job's. */
public final class WindowFlags {
    @Option(names = "--lookback", converter = DurationConverter.class, defaultValue = "12h",
            description = "Input read before the window to find where running episodes began; an episode is cut "
                    + "as the streaming job cut it unless its person was active without a --session-gap pause for "
                    + "longer than this (default: ${DEFAULT-VALUE}).")
    Duration lookback;

    @Option(names = "--lookahead", converter = DurationConverter.class,
            description = "Input read after the window to complete episodes that cross its end "
                    + "(default: --max-episode + --out-of-orderness).")
    Duration lookahead;

    @Option(names = "--record-time-slack", converter = DurationConverter.class, defaultValue = "1h",
            description = "Kafka input: how far a record's Kafka timestamp may lie from its event time; the offsets "
                    + "read are widened by this, then events are kept by their own time (default: ${DEFAULT-VALUE}).")
    Duration recordTimeSlack;

    Duration lookahead(PipelineConfig config) {
        return lookahead != null ? lookahead : config.sessionRules().maxLength().plus(config.outOfOrderness());
    }

    BuildWindow range(Instant from, Instant to, PipelineConfig config) {
        return BuildWindow.of(from, to, lookback, lookahead(config));
    }

    BuildWindow day(LocalDate date, PipelineConfig config) {
        return BuildWindow.day(date, lookback, lookahead(config));
    }
}
