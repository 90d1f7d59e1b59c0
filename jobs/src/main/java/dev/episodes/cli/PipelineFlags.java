package dev.episodes.cli;

import dev.episodes.config.OutputLayout;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.frames.FrameSettings;
import dev.episodes.redaction.RedactionPolicy;
import dev.episodes.session.SessionRules;
import dev.episodes.session.SplitOn;
import dev.episodes.split.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags every pipeline command shares. Each may also come from {@code --config FILE} (a properties
 * file whose keys are the flag names without dashes, e.g. {@code session-gap=10m}); flags win.
 */
public final class PipelineFlags {
    @Option(names = "--retired-grace", converter = DurationConverter.class, defaultValue = "24h",
            description = "Files a commit stops naming (a rebuild, compaction or erasure replaced them) are deleted "
                    + "this long after, so readers of an older manifest can finish (default: ${DEFAULT-VALUE}).")
    Duration retiredGrace;

    @Option(names = "--session-gap", converter = DurationConverter.class, defaultValue = "5m",
            description = "An episode ends after this much silence between raw events (default: ${DEFAULT-VALUE}).")
    Duration sessionGap;

    @Option(names = "--max-episode", converter = DurationConverter.class, defaultValue = "30m",
            description = "An episode never lasts longer; the step that would exceed it starts a new one (default: ${DEFAULT-VALUE}).")
    Duration maxEpisode;

    @Option(names = "--split-on", defaultValue = "none",
            description = "Also start a new episode when this changes: none, app, window (default: ${DEFAULT-VALUE}).")
    String splitOn;

    @Option(names = "--out-of-orderness", converter = DurationConverter.class, defaultValue = "10s",
            description = "How late an event may arrive and still be ordered; later is a 'late' dead letter (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(names = "--dedup-retention", converter = DurationConverter.class, defaultValue = "60s",
            description = "Event time for which ids of processed events are kept to drop duplicates (default: ${DEFAULT-VALUE}).")
    Duration dedupRetention;

    @Option(names = "--device-idle", converter = DurationConverter.class, defaultValue = "3d",
            description = "A device silent this long (event time) is forgotten: what is open closes and its state is "
                    + "cleared; at least the session gap, the dedup retention and, with frames, 1d (default: ${DEFAULT-VALUE}).")
    Duration deviceIdle;

    @Option(names = "--max-drift", converter = DurationConverter.class, defaultValue = "10m",
            description = "Kafka runs: a partition whose watermark is this far (event time) ahead of the slowest is "
                    + "paused until it catches up, so a backlog's events do not pile up in state waiting for the "
                    + "slowest topic; 0 = never pause. Output is the same either way (default: ${DEFAULT-VALUE}).")
    Duration maxDrift;

    @Option(names = "--idleness", converter = DurationConverter.class, defaultValue = "1m",
            description = "Kafka runs: a partition with no record for this long (wall clock) stops holding event time "
                    + "back. Until then an empty or quiet partition holds every other event in state: shorten it to "
                    + "catch up on a backlog whose topics are not all busy (default: ${DEFAULT-VALUE}).")
    Duration idleness;

    @Option(names = "--max-clock-ahead", converter = DurationConverter.class, defaultValue = "1d",
            description = "Events stamped further than this ahead of now are dead letters 'ts_in_future' (default: ${DEFAULT-VALUE}).")
    Duration maxClockAhead;

    @Option(names = "--parallelism", defaultValue = "0",
            description = "Parallel instances of the keyed stages; 0 = one per core (on a cluster: the submission's "
                    + "parallelism) (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--max-buffered-steps", defaultValue = "1000000",
            description = "Steps a shard writer sorts in memory before spilling a sorted run to disk (default: ${DEFAULT-VALUE}).")
    long maxBufferedSteps;

    @Option(names = "--target-file-size", converter = SizeConverter.class, defaultValue = "256MB",
            description = "Replay and nightly builds roll to a new shard when a steps file reaches this size "
                    + "(default: ${DEFAULT-VALUE}).")
    long targetFileSize;

    @Option(names = "--row-group-size", converter = SizeConverter.class, defaultValue = "128MB",
            description = "Parquet row groups, uncompressed; at most 128MB (default: ${DEFAULT-VALUE}).")
    long rowGroupSize;

    @Option(names = "--splits", defaultValue = "train=0.8,validation=0.1,test=0.1",
            description = "Training splits and their fractions; each person lands in one, by a hash of their "
                    + "pseudonym (default: ${DEFAULT-VALUE}).")
    String splits;

    @Option(names = "--identity",
            description = "What the user and device columns hold: episode (a keyed pseudonym per episode: nothing "
                    + "links two episodes of one person), day (per person and UTC day) or stable (one per person, as "
                    + "before). Default: the root's own setting (stable for datasets from before this flag), episode "
                    + "for a new root. A root never mixes settings. See docs/linkability.md.")
    String identity;

    @Option(names = "--time",
            description = "absolute event times, or relative: step times from the episode's start, the episode "
                    + "keeps only its date (recommended with --identity episode). Default: the root's own setting, "
                    + "absolute for a new root.")
    String time;

    @Option(names = "--time-keep-hour", description = "With --time relative, episodes also keep their start hour.")
    boolean timeKeepHour;

    @Option(names = "--deny-app", paramLabel = "NAME",
            description = "Drop every step in apps whose name contains NAME (repeatable; adds to the defaults: "
                    + "1Password, Bitwarden, KeePassXC, LastPass, Keychain Access, ...).")
    List<String> denyApps = new ArrayList<>();

    @Option(names = "--deny-url", paramLabel = "REGEX",
            description = "Drop every step on URLs matching REGEX (repeatable; adds to the defaults: password "
                    + "manager sites and browsers' password settings).")
    List<String> denyUrls = new ArrayList<>();

    @Option(names = "--no-default-deny", description = "Do not use the default deny-lists (only --deny-app/--deny-url).")
    boolean noDefaultDeny;

    @Option(names = "--scope", paramLabel = "FILE",
            description = "Scope policy (JSON): the apps and hosts whose activity may become steps, and those that never "
                    + "may; e.g. deploy/scope/work-apps.json. Default: everything but the built-in deny families "
                    + "(password managers, extension popups, the OS's password apps).")
    Path scope;

    @Option(names = "--scope-allow", paramLabel = "APP[:HOST],...",
            description = "One-line allow list instead of --scope: only these apps (globs), optionally only on these "
                    + "hosts, e.g. \"Slack,Microsoft Teams,Google Chrome:*.example.com\". Deny families stay.")
    String scopeAllow;

    private dev.episodes.scope.ScopePolicy scopePolicy() {
        if (scope != null && scopeAllow != null) {
            throw new IllegalArgumentException("give --scope FILE or --scope-allow LIST, not both");
        }
        dev.episodes.scope.ScopePolicy p;
        try {
            p = scope != null ? dev.episodes.scope.ScopeFiles.load(scope)
                    : scopeAllow != null ? dev.episodes.scope.ScopeFiles.allowList(scopeAllow)
                    : dev.episodes.scope.ScopePolicy.DEFAULT;
        } catch (IOException e) {
            throw new IllegalArgumentException("--scope: cannot read " + scope + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scope != null ? "--scope: " + e.getMessage() : e.getMessage());
        }
        return p;
    }

    @Option(names = "--phone-region", paramLabel = "REGION",
            description = "Region for phone numbers written without a country code (default: US). Kept for "
                    + "compatibility: adds to --phone-regions.")
    String phoneRegion;

    @Option(names = "--secret-inputs", paramLabel = "FILE",
            description = "Word lists that make a field or a terminal line take a secret beyond the secure flag "
                    + "(format of the shipped secret-inputs.conf; default: that file).")
    Path secretInputs;

    @Option(names = "--phone-regions", split = ",", paramLabel = "REGION",
            description = "Regions whose national formats are phone numbers, comma-separated ISO codes, e.g. US,DE,GB "
                    + "(default: US). Each one added finds more numbers and takes more look-alikes for one.")
    List<String> phoneRegions = new ArrayList<>();

    /** --phone-region first, then --phone-regions; US when neither is given. */
    private String phoneRegionList() {
        List<String> all = new ArrayList<>();
        if (phoneRegion != null) {
            all.add(phoneRegion);
        }
        all.addAll(phoneRegions);
        return all.isEmpty() ? "US" : String.join(",", all);
    }

    @Option(names = "--consent-default", defaultValue = "granted",
            description = "For people with no consent record: granted (the contract) or revoked (keep only people "
                    + "who granted) (default: ${DEFAULT-VALUE}).")
    String consentDefault;

    private boolean consentGranted() {
        return switch (consentDefault.trim()) {
            case "granted" -> true;
            case "revoked" -> false;
            default -> throw new IllegalArgumentException("--consent-default must be granted or revoked, got '"
                    + consentDefault + "'");
        };
    }

    @Option(names = "--quiet-close", defaultValue = "gap",
            description = "stream: when no input has arrived for this long, close the open episodes (they are "
                    + "written at the next checkpoint); 'gap' = the --session-gap, 'off' = wait for more events "
                    + "(default: ${DEFAULT-VALUE}).")
    String quietClose;

    private Duration quietClose(Duration gap) {
        return switch (quietClose.trim()) {
            case "gap" -> gap;
            case "off" -> Duration.ZERO;
            default -> {
                Duration d = DurationConverter.parse(quietClose);
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("--quiet-close must be a positive duration, gap or off, got '"
                            + quietClose + "'");
                }
                yield d;
            }
        };
    }

    @Option(names = "--keep-raw-dead-letters",
            description = "Also keep each dead letter's raw record in _private/rejected/ (and on the dead-letter "
                    + "topic). Those then hold raw personal data (ids, typed text, secrets): for debugging only.")
    boolean keepRawDeadLetters;

    @Option(names = "--id-pattern", paramLabel = "REGEX",
            description = "The directory's user and device ids as a regular expression (matched case-insensitively,"
                    + " as a whole token): any match not the step's own person's or device's becomes [ID] in every"
                    + " column and manifest. Default: " + dev.episodes.redaction.IdPattern.DEFAULT_REGEX)
    String idPattern = dev.episodes.redaction.IdPattern.DEFAULT_REGEX;

    @Option(names = "--pseudonym-key-file",
            description = "File holding the pseudonym HMAC key (>= 16 bytes; make one with: head -c 32 /dev/urandom "
                    + "> pseudonym.key). Else $" + PseudonymKey.ENV + ". Required: without a key nothing is built.")
    Path pseudonymKeyFile;

    @Option(names = "--frames",
            description = "Make frames: read each step's screenshot (the context's screenshot_ref, through the same "
                    + "file systems as the dataset), fill what is known to be sensitive (secure fields, fields a "
                    + "redacted secret was typed into, redacted names, scope mask regions), downscale, encode and store "
                    + "it in the frames table. Off: no screenshot is read and no store is contacted for one.")
    boolean frames;

    @Option(names = "--frame-max-width", defaultValue = "1280", paramLabel = "PX",
            description = "Frames wider are downscaled to this width, aspect kept (default: ${DEFAULT-VALUE}).")
    int frameMaxWidth;

    @Option(names = "--frame-format", defaultValue = "png", paramLabel = "png|jpeg",
            description = "How frames are encoded (default: ${DEFAULT-VALUE}).")
    String frameFormat;

    @Option(names = "--frame-quality", defaultValue = "0.9", paramLabel = "Q",
            description = "JPEG quality in (0, 1] (default: ${DEFAULT-VALUE}).")
    float frameQuality;

    @Option(names = "--frame-max-size", converter = SizeConverter.class, defaultValue = "32MB", paramLabel = "SIZE",
            description = "Larger screenshots are refused (counted as oversized), as are images above 64 million "
                    + "pixels (default: ${DEFAULT-VALUE}).")
    long frameMaxBytes;

    @Option(names = "--frame-read-timeout", converter = DurationConverter.class, defaultValue = "10s",
            description = "A screenshot read slower than this is counted as a timeout and the step gets no frame "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration frameReadTimeout;

    @Option(names = "--frame-reads", defaultValue = "8", paramLabel = "N",
            description = "Screenshot reads in flight per parallel instance (default: ${DEFAULT-VALUE}).")
    int frameReads;

    FrameSettings frameSettings() {
        try {
            return new FrameSettings(frames, frameMaxWidth, frameFormat.trim().toLowerCase(java.util.Locale.ROOT)
                    .replace("jpg", "jpeg"), frameQuality, frameMaxBytes, FrameSettings.OFF.maxPixels(),
                    frameReadTimeout, frameReads);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--frame-*: " + e.getMessage());
        }
    }

    PipelineConfig config() {
        SplitOn split;
        try {
            split = SplitOn.valueOf(splitOn.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split-on must be none, app or window, got '" + splitOn + "'");
        }
        List<String> apps = new ArrayList<>(noDefaultDeny ? List.of() : RedactionPolicy.DEFAULT_DENIED_APPS);
        apps.addAll(denyApps);
        List<String> urls = new ArrayList<>(noDefaultDeny ? List.of() : RedactionPolicy.DEFAULT_DENIED_URLS);
        urls.addAll(denyUrls);
        RedactionPolicy policy;
        dev.episodes.scope.ScopePolicy scopePolicy = scopePolicy();
        try {
            policy = new RedactionPolicy(apps, urls, phoneRegionList(), secretInputs == null
                    ? dev.episodes.redaction.SecretInputs.standard() : dev.episodes.redaction.SecretInputs.load(secretInputs))
                    .withScope(scopePolicy);
        } catch (IOException e) {
            throw new IllegalArgumentException("--secret-inputs: cannot read " + secretInputs + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--deny-url / --phone-regions / --secret-inputs: " + e.getMessage());
        }
        try {
            policy = policy.withIdPattern(new dev.episodes.redaction.IdPattern(idPattern));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--id-pattern: " + e.getMessage());
        }
        return new PipelineConfig(new SessionRules(sessionGap, maxEpisode, split), outOfOrderness, dedupRetention,
                maxClockAhead, Instant.now(), idleness,
                new OutputLayout(targetFileSize, rowGroupSize, maxBufferedSteps, Splits.parse(splits)), parallelism, policy,
                consentGranted()).withQuietClose(quietClose(sessionGap)).withKeepRawDeadLetters(keepRawDeadLetters)
                .withFrames(frameSettings()).withDeviceIdle(deviceIdle).withMaxDrift(maxDrift)
                .withScopes(dev.episodes.identity.IdentityScope.parse(identity == null ? "episode" : identity),
                        dev.episodes.identity.TimeScope.parse(time == null ? "absolute" : time, timeKeepHour));
    }

    /**
     * As {@link #config()} for a run into {@code root}: what {@code --identity} and {@code --time} (with
     * {@code --time-keep-hour}) do not say, a root that already holds a dataset keeps as it is (a dataset
     * from before the flags is stable and absolute); a new root gets episode and absolute. Given flags that
     * differ from the root's are refused by the run, before it reads input.
     */
    PipelineConfig config(DatasetRoot root) {
        PipelineConfig c = config();
        boolean timeGiven = time != null || timeKeepHour;
        if (identity != null && timeGiven) {
            return c;
        }
        java.util.Optional<String[]> had;
        try {
            had = dev.episodes.writing.DatasetScopes.recorded(root.localPath().isPresent()
                    ? dev.episodes.storage.Store.local(root.localPath().get()) : dev.episodes.storage.Store.of(root.uri()));
        } catch (IOException | RuntimeException unreadable) {
            return c; // the run's own checks of the root say what is wrong with it
        }
        return had.map(r -> c.withScopes(identity != null ? c.layout().identity()
                : dev.episodes.identity.IdentityScope.parse(r[0]),
                timeGiven ? c.layout().time() : dev.episodes.identity.TimeScope.fromWire(r[1]))).orElse(c);
    }

    /** The key, from the file or $EPISODES_PSEUDONYM_KEY; none is a usage error ({@link PseudonymKey#MISSING}). */
    PseudonymKey key() throws IOException {
        return PseudonymKey.resolve(pseudonymKeyFile, System.getenv());
    }
}
