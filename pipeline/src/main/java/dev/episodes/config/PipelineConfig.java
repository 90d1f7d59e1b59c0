package dev.episodes.config;

import dev.episodes.device.DeviceSettings;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.SessionRules;
import dev.episodes.frames.FrameSettings;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a run, typed and validated: an invalid value fails at start with a message naming
 * it. Defaults follow the contracts: 10 s out-of-orderness (raw-events.md), 5 min session gap and
 * 30 min episode cap (issue #2).
 *
 * @param outOfOrderness how far behind the newest event an event may arrive and still be ordered
 * @param dedupRetention how long (event time) ids of released events are remembered for dedup
 * @param maxClockAhead events further than this ahead of {@code now} are absurd (dead letters)
 * @param idleness a source partition silent this long stops holding the watermark back
 * @param layout shard sizes, sort buffer and training splits of written datasets
 * @param parallelism parallelism of the keyed stages; 0 means one per core
 * @param redaction deny-lists and detector settings
 * @param consentByDefault whether people with no consent record are recorded (the contract: yes)
 * @param quietClose streaming: once no input has arrived for this long (processing time), open episodes
 *     close as if event time had passed their gap; zero: never (wait for events). Defaults to the gap
 * @param keepRawDeadLetters whether dead letters also keep the raw record (raw personal data: off unless an
 *     operator asks with {@code --keep-raw-dead-letters})
 * @param deviceIdle a device silent this long in event time is forgotten: what is open closes, its state is
 *     cleared (a returning device starts afresh). At least the session gap, the dedup retention and, with
 *     frames, the mask memory's day, so that forgetting never changes output. Default 3 days
 * @param maxDrift how far (event time) a Kafka partition's watermark may run ahead of the slowest one before
 *     it is paused (Flink's watermark alignment); zero: never paused. Reading a backlog, the sparse topics'
 *     partitions cover hours of event time in a fetch the dense ones need seconds for, and every event
 *     ahead of the slowest waits in keyed state. Changes how fast partitions are read, never the output.
 *     Default {@link #DEFAULT_MAX_DRIFT}
 */
public record PipelineConfig(
        SessionRules sessionRules,
        Duration outOfOrderness,
        Duration dedupRetention,
        Duration maxClockAhead,
        Instant now,
        Duration idleness,
        OutputLayout layout,
        int parallelism,
        RedactionPolicy redaction,
        boolean consentByDefault,
        Duration quietClose,
        boolean keepRawDeadLetters,
        FrameSettings frames,
        Duration deviceIdle,
        Duration maxDrift) implements Serializable {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DEVICE_IDLE = Duration.ofDays(3);
    public static final Duration DEFAULT_MAX_DRIFT = Duration.ofMinutes(10);
    /** How long the mask memory keeps a window (MaskPlanner): forgetting a device sooner would lose masks. */
    static final Duration MASK_MEMORY = Duration.ofDays(1);

    public PipelineConfig {
        positive("out-of-orderness", outOfOrderness);
        positive("dedup-retention", dedupRetention);
        positive("max-clock-ahead", maxClockAhead);
        positive("idleness", idleness);
        if (layout == null) {
            throw new IllegalArgumentException("output layout is required");
        }
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism must be 0 (one per core) or more, got " + parallelism);
        }
        if (frames == null) {
            frames = FrameSettings.OFF;
        }
        if (quietClose == null || quietClose.isNegative()) {
            throw new IllegalArgumentException("quiet-close must be a duration or off, got " + quietClose);
        }
        if (deviceIdle == null) {
            deviceIdle = DEFAULT_DEVICE_IDLE;
        }
        if (maxDrift == null) {
            maxDrift = DEFAULT_MAX_DRIFT;
        }
        if (maxDrift.isNegative()) {
            throw new IllegalArgumentException("max-drift must be a duration or 0 (off), got " + maxDrift);
        }
        Duration least = sessionRules.gap().compareTo(dedupRetention) > 0 ? sessionRules.gap() : dedupRetention;
        if (frames.enabled() && MASK_MEMORY.compareTo(least) > 0) {
            least = MASK_MEMORY;
        }
        if (deviceIdle.compareTo(least) < 0) {
            throw new IllegalArgumentException("device-idle must be at least " + least + " (the session gap, the dedup "
                    + "retention" + (frames.enabled() ? " and, with frames, the mask memory's day" : "")
                    + ": a device forgotten sooner would change the output), got " + deviceIdle);
        }
    }

    /** The per-device state's settings: bound to state by the job, never stored in it. */
    public DeviceSettings deviceSettings() {
        return new DeviceSettings(sessionRules, dedupRetention.toNanos() / 1000, micros(deviceIdle));
    }

    private static long micros(Duration d) {
        try {
            return Math.multiplyExact(d.getSeconds(), 1_000_000L) + d.getNano() / 1000;
        } catch (ArithmeticException tooLong) {
            return DeviceSettings.NEVER;
        }
    }

    /** {@link Duration#ZERO}: partitions are never paused for their watermarks. */
    public PipelineConfig withMaxDrift(Duration d) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, consentByDefault, quietClose, keepRawDeadLetters, frames, deviceIdle, d);
    }

    public PipelineConfig withDeviceIdle(Duration d) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, consentByDefault, quietClose, keepRawDeadLetters, frames, d, maxDrift);
    }

    /** With the default quiet close (the session gap) and raw dead letters off. */
    public PipelineConfig(SessionRules sessionRules, Duration outOfOrderness, Duration dedupRetention,
            Duration maxClockAhead, Instant now, Duration idleness, OutputLayout layout, int parallelism,
            RedactionPolicy redaction, boolean consentByDefault) {
        this(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness, layout, parallelism,
                redaction, consentByDefault, sessionRules.gap(), false, FrameSettings.OFF, DEFAULT_DEVICE_IDLE,
                DEFAULT_MAX_DRIFT);
    }

    public PipelineConfig withKeepRawDeadLetters(boolean keep) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, consentByDefault, quietClose, keep, frames, deviceIdle, maxDrift);
    }

    public static PipelineConfig defaults() {
        return new PipelineConfig(SessionRules.DEFAULT, DEFAULT_OUT_OF_ORDERNESS, Duration.ofSeconds(60),
                Duration.ofDays(1), Instant.now(), Duration.ofMinutes(1), OutputLayout.DEFAULT, 0, RedactionPolicy.DEFAULT, true);
    }

    /** What the identity and time columns hold (see {@link OutputLayout}). */
    public PipelineConfig withScopes(dev.episodes.identity.IdentityScope identity, dev.episodes.identity.TimeScope time) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout.withScopes(identity, time), parallelism, redaction, consentByDefault, quietClose,
                keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    public PipelineConfig withParallelism(int p) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, p, redaction, consentByDefault, quietClose, keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    public PipelineConfig withIdleness(Duration d) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, d,
                layout, parallelism, redaction, consentByDefault, quietClose, keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    public PipelineConfig withRedaction(RedactionPolicy policy) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, policy, consentByDefault, quietClose, keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    public PipelineConfig withConsentByDefault(boolean granted) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, granted, quietClose, keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    /** {@link Duration#ZERO} turns quiet closing off. */
    public PipelineConfig withQuietClose(Duration d) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, consentByDefault, d, keepRawDeadLetters, frames, deviceIdle, maxDrift);
    }

    /** Frames on or off and how they are made (off: no screenshot is read, no store contacted). */
    public PipelineConfig withFrames(FrameSettings f) {
        return new PipelineConfig(sessionRules, outOfOrderness, dedupRetention, maxClockAhead, now, idleness,
                layout, parallelism, redaction, consentByDefault, quietClose, keepRawDeadLetters, f, deviceIdle, maxDrift);
    }

    public int effectiveParallelism() {
        return parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
    }

    /** The settings that shape output, as recorded in {@code _meta/info.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_gap", sessionRules.gap().toString());
        m.put("max_episode", sessionRules.maxLength().toString());
        m.put("split_on", sessionRules.splitOn().name().toLowerCase(java.util.Locale.ROOT));
        m.put("out_of_orderness", outOfOrderness.toString());
        m.put("dedup_retention", dedupRetention.toString());
        m.put("max_clock_ahead", maxClockAhead.toString());
        m.put("scope", redaction.scope().describe());
        m.put("denied_apps", redaction.deniedApps());
        m.put("denied_urls", redaction.deniedUrls());
        m.put("phone_region", redaction.phoneRegion());
        m.put("phone_regions", java.util.List.of(dev.episodes.redaction.detect.PhoneDetector.parse(redaction.phoneRegion())));
        m.put("id_pattern", redaction.idPattern().regex());
        m.put("consent_default", consentByDefault ? "granted" : "revoked");
        m.put("raw_dead_letters", keepRawDeadLetters);
        m.put("splits", layout.splits().spec());
        m.put("identity", layout.identity().wire()); // issue 17: absent in older datasets, which are stable
        m.put("time", layout.time().wire());
        m.put("target_file_bytes", layout.targetFileBytes());
        m.put("row_group_bytes", layout.rowGroupBytes());
        if (frames.enabled()) { // absent when off: a 1.0 dataset's recorded config stays what it was
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("enabled", true);
            f.put("max_width", frames.maxWidth());
            f.put("format", frames.format());
            if (frames.format().equals("jpeg")) {
                f.put("quality", frames.quality());
            }
            f.put("max_bytes", frames.maxBytes());
            f.put("max_pixels", frames.maxPixels());
            f.put("mask_regions", redaction.scope().maskRegions().size());
            m.put("frames", f);
        }
        return m;
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
