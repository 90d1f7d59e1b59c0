package dev.episodes.cli;

import dev.episodes.config.KafkaSettings;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.config.StateSettings;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.KafkaStreaming;
import dev.episodes.flink.runs.RestorePoint;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.flink.source.StoppingOffsets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.datastream.DataStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Run the streaming job from Kafka on an embedded Flink cluster: exactly-once shards, "
                + "dead letters to their topic. Runs until stopped (SIGTERM or Ctrl-C: stops with a savepoint), "
                + "or with --until-latest to the current end. A rerun resumes from the newest retained "
                + "checkpoint or savepoint under --checkpoint-dir.",
        footer = {"", "Exit codes: 0 done, or stopped with a savepoint; 1 stopped without one (a rerun resumes from "
                + "the last checkpoint); 2 bad usage; 3 records not accounted for."})
final class StreamCommand implements Callable<Integer> {
    /** The job's name, recorded beside its checkpoints with the dataset they belong to. */
    static final String OWNER_FILE = "_owner";

    @Mixin
    StreamFlags flags;

    @Mixin
    StateFlags state;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Restore this savepoint or retained checkpoint (its folder, or its _metadata file) "
                    + "instead of the newest one under --checkpoint-dir.")
    Path fromSavepoint;

    @Option(names = "--fresh",
            description = "Start with empty state, ignoring retained checkpoints and savepoints. Refused when "
                    + "--out already holds partitions: a fresh start would cut their episodes a second time.")
    boolean fresh;

    /** Sees (and may disturb) the activity events before they are keyed; tests only. */
    UnaryOperator<DataStream<RawEvent>> tap = UnaryOperator.identity();

    @Override
    public Integer call() throws Exception {
        if (fresh && fromSavepoint != null) {
            throw new IllegalArgumentException("--fresh and --from-savepoint exclude each other");
        }
        DatasetRoot root = flags.out();
        PseudonymKey key = flags.pipeline().key(); // none: refused before anything is made
        Preflight.output(root, "--out"); // a file, a read-only mount, a missing bucket: one line now
        StateSettings st = state.settings(root);
        String out = root.uri();
        claim(st, out);
        // One streaming job per dataset: a second one would restore the same checkpoints and commit every
        // episode twice. The lease lives with the checkpoints (bounded builds of the same root are not held off).
        try (dev.episodes.writing.DatasetLease lease = Preflight.lease(st.checkpointDir(), "stream " + out, System.err)) {
            return run(st, root, key);
        }
    }

    private Integer run(StateSettings st, DatasetRoot root, PseudonymKey key) throws Exception {
        String out = root.uri();
        KafkaSettings kafka = flags.kafka();
        if (!commitLeftOver(st, kafka)) { // a finished run's offsets it could not commit
            return 1;
        }
        RestorePoint restore = restorePoint(st, out, System.err);
        PipelineConfig config = flags.pipeline().config(root);
        refuseBoundedIntoUnbounded(restore, kafka.stopAtLatest());
        StoppingOffsets stopping = kafka.stopAtLatest() ? stoppingOffsets(st, restore, kafka) : null;
        System.err.printf("Streaming %s from %s into %s (checkpoints every %s in %s)%n", kafka.activityTopics(),
                kafka.bootstrap(), out, kafka.checkpointInterval(), st.checkpointDir());
        try (GracefulStop stop = GracefulStop.install(st.savepointDir(), System.err)) {
            RunSummary summary;
            try {
                summary = new KafkaStreaming(kafka, out, config, key).withTap(tap).withStoppingOffsets(stopping)
                        .run(EmbeddedFlink.streaming(config.effectiveParallelism(), st, restore),
                                Terminal.progress(System.err), stop::attach);
            } catch (Exception e) {
                if (stop.requested()) {
                    return stopped(stop.outcome(), st);
                }
                if (restore != null && GracefulStop.rootMessage(e).toLowerCase(java.util.Locale.ROOT)
                        .contains("savepoint")) {
                    throw new IllegalArgumentException("could not restore " + restore.dir() + ": "
                            + GracefulStop.rootMessage(e) + ". Give --from-savepoint a compatible one, or start "
                            + "--fresh into a new --out.");
                }
                throw e;
            }
            Terminal.summary(System.out, summary, root, "topic " + kafka.deadLetterTopic() + " on " + kafka.bootstrap());
            if (stop.requested()) {
                GracefulStop.Outcome outcome = stop.outcome();
                if (!(kafka.stopAtLatest() && outcome instanceof GracefulStop.Outcome.Cancelled)) {
                    return stopped(outcome, st);
                }
                // No savepoint, yet the job ended well: a bounded run that reached its end as the stop came
                // (a cancelled job does not). Flink has discarded its checkpoints: it is a finished run.
                System.err.println("The run reached its end before the stop took effect (" + ((GracefulStop.Outcome.Cancelled)
                        outcome).reason() + "): it finished.");
            }
            if (kafka.stopAtLatest() && !finished(st, kafka, stopping)) {
                return 1;
            }
            return summary.accountedFor() ? 0 : 3;
        }
    }

    /** Beside the checkpoints: where the bounded run whose state they hold stops. */
    static final String STOPPING_FILE = "_until-latest-offsets.json";

    /**
     * Where this bounded run stops: a run resumed from a bounded run's state stops where that run was to
     * (its splits keep those offsets, recorded beside the checkpoints when it started); any other run at
     * the latest offsets now, recorded for a resume. Null for state of a bounded run from before the record
     * (each reader then takes the latest, as before, and nothing is committed by the command).
     */
    static StoppingOffsets stoppingOffsets(StateSettings st, RestorePoint restore, KafkaSettings kafka)
            throws IOException {
        Path file = st.checkpointDir().resolve(STOPPING_FILE);
        if (restore != null && restore.boundedRun()) {
            StoppingOffsets recorded = StoppingOffsets.read(file).orElse(null);
            if (recorded == null) {
                System.err.println("warning: " + restore.dir() + " is a bounded run's with no record of where it "
                        + "stops (" + file + "): it stops as it was to, but its offsets are left to the job to commit");
                return null;
            }
            // Its range is committed for the group when it finishes: the group that began reading it (red
            // team: a resume with another --group-id committed all of it for that one). A record from before
            // groups were kept is taken as this run's group's, so a failed commit's left-over names one.
            recorded.requireGroup(kafka.groupId(), file);
            return new StoppingOffsets(kafka.groupId(), recorded.offsets());
        }
        if (Files.exists(file) && RestorePoint.anyBoundedRun(st)) {
            // One record per folder: a new range would stand for the stopped run's too, and its resume would
            // commit offsets it never read.
            throw new IllegalArgumentException("a stopped --until-latest run's state is in " + st.checkpointDir()
                    + ": finish it first (the same command without --from-savepoint resumes the newest), or give "
                    + "this run its own --checkpoint-dir");
        }
        StoppingOffsets now = StoppingOffsets.latest(kafka);
        Files.createDirectories(st.checkpointDir());
        now.write(file);
        return now;
    }

    /**
     * A bounded run that ended by itself read and committed its input up to its stopping offsets: the
     * command commits those for the group (the source's own commit of the last checkpoint can be lost as the
     * finished readers close, and a rerun would read the same records again), then removes the state it
     * leaves behind, which a rerun would otherwise restore and read again. False when the offsets could not
     * be committed: Flink has discarded the finished job's checkpoints, so they wait in a file the next run
     * commits before it starts, and the run exits 1.
     */
    private static boolean finished(StateSettings st, KafkaSettings kafka, StoppingOffsets stopping) {
        if (stopping != null) {
            try {
                stopping.commit(kafka);
            } catch (Exception e) {
                // No state of the finished job is left to keep, and what a rerun would restore (the state this
                // run began from) would be read again: the offsets wait in a file, and the state goes as after
                // a commit.
                Path left = st.checkpointDir().resolve(UNCOMMITTED_FILE);
                try {
                    stopping.write(left);
                } catch (IOException notWritten) {
                    System.err.println("error: this run's offsets were not committed for group " + kafka.groupId()
                            + " (" + GracefulStop.rootMessage(e) + ") nor recorded (" + notWritten.getMessage() + ")");
                    return false;
                }
                System.err.println("error: this run's offsets were not committed for group " + kafka.groupId() + " ("
                        + GracefulStop.rootMessage(e) + "): recorded in " + left + ", the next run commits them "
                        + "before it starts. Rerun the same command once Kafka is reachable");
                removeState(st);
                return false;
            }
        }
        removeState(st);
        return true;
    }

    /** Where a finished run's offsets wait when the command could not commit them. */
    static final String UNCOMMITTED_FILE = "_until-latest-uncommitted.json";

    /**
     * Commits a finished run's offsets left over; false (exit 1) if it still cannot. Refused (exit 2) for
     * another group than the one the run read for.
     */
    private static boolean commitLeftOver(StateSettings st, KafkaSettings kafka) throws IOException {
        Path left = st.checkpointDir().resolve(UNCOMMITTED_FILE);
        Optional<StoppingOffsets> offsets = StoppingOffsets.read(left);
        if (offsets.isEmpty()) {
            return true;
        }
        offsets.get().requireGroup(kafka.groupId(), left); // exit 2: another group would skip what it never read
        try {
            offsets.get().commit(kafka);
        } catch (Exception e) {
            System.err.println("error: the offsets a finished --until-latest run left in " + left + " are still not "
                    + "committed for group " + kafka.groupId() + " (" + GracefulStop.rootMessage(e) + "): nothing "
                    + "started. Rerun once Kafka is reachable");
            return false;
        }
        Files.delete(left);
        System.err.println("Committed the offsets the last finished run left in " + left);
        return true;
    }

    private static void removeState(StateSettings st) {
        try {
            int removed = RestorePoint.removeAll(st);
            Files.deleteIfExists(st.checkpointDir().resolve(STOPPING_FILE));
            if (removed > 0) {
                System.err.println("Removed " + removed + " checkpoint and savepoint folders older than this run's "
                        + "output (a rerun starts from the group's committed offsets)");
            }
        } catch (IOException e) {
            System.err.println("warning: older checkpoints were not removed (a rerun would restore one): "
                    + e.getMessage());
        }
    }

    private static int stopped(GracefulStop.Outcome outcome, StateSettings st) {
        if (outcome instanceof GracefulStop.Outcome.Saved saved) {
            try {
                Path sp = Path.of(java.net.URI.create(saved.path()));
                int removed = RestorePoint.removeAllBut(st, sp);
                if (removed > 0) {
                    System.err.println("Removed " + removed + " older checkpoint and savepoint folders (the "
                            + "savepoint holds everything a resume needs)");
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("warning: older checkpoints were not removed: " + e.getMessage());
            }
            System.err.println("Stopped with a savepoint at " + saved.path());
            System.err.println("Run the same command again to resume from it (the newest savepoint or checkpoint in "
                    + st.checkpointDir() + " is restored), or pass --from-savepoint " + saved.path());
            return 0;
        }
        GracefulStop.Outcome.Cancelled c = (GracefulStop.Outcome.Cancelled) outcome;
        System.err.println("Stopped with " + c.reason() + ". The last completed checkpoint in " + st.checkpointDir()
                + " is kept: run the same command again to resume from it.");
        return 1;
    }

    /**
     * What this run restores: {@code --from-savepoint}, nothing with {@code --fresh}, else the newest
     * complete checkpoint or savepoint of this dataset's job. Says which on {@code err}.
     */
    RestorePoint restorePoint(StateSettings st, String out, PrintStream err) throws IOException {
        if (fromSavepoint != null) {
            RestorePoint p = RestorePoint.of(fromSavepoint);
            err.println("Restoring from " + p.dir() + " (--from-savepoint)");
            return p;
        }
        if (fresh) {
            if (hasPartitions(out)) {
                throw new IllegalArgumentException("--fresh would cut the episodes already in " + out + " a second "
                        + "time (from empty state): stream into a new --out, or drop --fresh to resume");
            }
            err.println("Starting fresh (--fresh): retained state in " + st.checkpointDir() + " is ignored");
            return null;
        }
        RestorePoint p = RestorePoint.latest(st).orElse(null);
        if (p != null) {
            err.println("Resuming from " + (p.savepoint() ? "savepoint " : "checkpoint ") + p.dir() + " (written "
                    + p.written() + ")");
        } else {
            err.println("No retained checkpoint in " + st.checkpointDir() + ": starting with empty state from "
                    + "--starting-offsets" + (hasPartitions(out) ? " (episodes the last run left open were closed "
                    + "when it ended)" : ""));
        }
        return p;
    }

    /**
     * A stopped or killed {@code --until-latest} run's state keeps that run's stopping offsets: restored
     * without {@code --until-latest}, the job would read up to them and then nothing more, silently.
     */
    static void refuseBoundedIntoUnbounded(RestorePoint restore, boolean untilLatest) throws IOException {
        if (restore != null && !untilLatest && restore.boundedRun()) {
            throw new IllegalArgumentException(restore.dir() + " was written by a --until-latest run: restored "
                    + "into an unbounded stream, each partition would stop at that run's last offsets and later "
                    + "records would never be read. Rerun with --until-latest to finish it (a finished run leaves "
                    + "no state and the next stream starts from the group's committed offsets), or give the "
                    + "unbounded stream its own --checkpoint-dir");
        }
    }

    /** Checkpoints belong to one dataset: refuses a checkpoint directory that another dataset's job uses. */
    static void claim(StateSettings st, String out) throws IOException {
        Path owner = st.checkpointDir().resolve(OWNER_FILE);
        String me = KafkaStreaming.JOB_NAME + " " + out;
        if (Files.exists(owner)) {
            String recorded = Files.readString(owner).trim();
            if (!recorded.equals(me)) {
                throw new IllegalArgumentException("the checkpoints in " + st.checkpointDir() + " belong to '"
                        + recorded + "', not to this dataset: give this --out its own --checkpoint-dir");
            }
            return;
        }
        List<String> foreign = RestorePoint.stateFolders(st);
        if (!foreign.isEmpty()) {
            // Not claimed, yet Flink state is there: another job's (a shared state.checkpoints.dir). This run
            // would restore the newest of it, and remove all of it once it finished or took a savepoint.
            throw new IllegalArgumentException(st.checkpointDir() + " holds Flink checkpoints or savepoints this "
                    + "command did not make (" + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? ", ..." : "") + "): give --checkpoint-dir a folder of its own");
        }
        Files.createDirectories(st.checkpointDir());
        Files.writeString(owner, me + "\n");
    }

    private static boolean hasPartitions(String out) throws IOException {
        return dev.episodes.storage.Store.of(out).list("").stream()
                .anyMatch(e -> e.directory() && e.name().startsWith("dt="));
    }

    /**
     * The streaming job without restoring anything (the demo: its broker, and so its offsets, are new
     * every time).
     */
    static RunSummary stream(KafkaSettings settings, DatasetRoot root, PipelineFlags flags, StateSettings state)
            throws Exception {
        Preflight.store(root, "--out", true);
        String out = root.uri();
        PipelineConfig config = flags.config(root);
        System.err.printf("Streaming %s from %s into %s (checkpoints every %s)%n", settings.activityTopics(),
                settings.bootstrap(), out, settings.checkpointInterval());
        RunSummary summary = new KafkaStreaming(settings, out, config, flags.key())
                .run(EmbeddedFlink.environment(config.effectiveParallelism(), state), Terminal.progress(System.err));
        Terminal.summary(System.out, summary, root, "topic " + settings.deadLetterTopic() + " on " + settings.bootstrap());
        return summary;
    }
}
