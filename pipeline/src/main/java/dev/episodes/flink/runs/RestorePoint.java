package dev.episodes.flink.runs;

import dev.episodes.config.StateSettings;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import dev.episodes.flink.source.BoundedRunMark;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;

/**
 * A retained checkpoint or savepoint the streaming job can restore from: a folder whose {@code _metadata}
 * is there and reads back whole. Checkpoints live under {@code <checkpoint-dir>/<job-id>/chk-<n>/} (one
 * job-id folder per run that ever checkpointed there), savepoints of graceful stops under
 * {@code <checkpoint-dir>/savepoints/}. Checkpoint numbers restart or continue across runs, so "latest" is
 * the newest {@code _metadata} by time.
 */
public record RestorePoint(Path dir, FileTime written) {
    private static final String METADATA = "_metadata";

    public boolean savepoint() {
        return dir.getFileName().toString().startsWith("savepoint-");
    }

    /** The newest complete restore point under the state's directories, if any. */
    public static Optional<RestorePoint> latest(StateSettings state) throws IOException {
        return candidates(state).stream()
                .sorted(Comparator.comparing(RestorePoint::written).reversed())
                .filter(RestorePoint::readable)
                .findFirst();
    }

    /** Whether any complete restore point under the state's directories is a bounded run's. */
    public static boolean anyBoundedRun(StateSettings state) throws IOException {
        for (RestorePoint p : candidates(state)) {
            if (p.readable() && p.boundedRun()) {
                return true;
            }
        }
        return false;
    }

    /** Every folder with a {@code _metadata} file, complete or not. */
    static List<RestorePoint> candidates(StateSettings state) throws IOException {
        List<RestorePoint> found = new ArrayList<>();
        Path root = state.checkpointDir();
        for (Path job : subfolders(root)) {
            if (job.equals(state.savepointDir())) {
                continue;
            }
            for (Path chk : subfolders(job)) {
                if (chk.getFileName().toString().startsWith("chk-")) {
                    add(found, chk);
                }
            }
        }
        for (Path sp : subfolders(state.savepointDir())) {
            if (sp.getFileName().toString().startsWith("savepoint-")) {
                add(found, sp);
            }
        }
        return found;
    }

    /** An explicit {@code --from-savepoint}: the folder or its {@code _metadata}, which must read back. */
    public static RestorePoint of(Path path) throws IOException {
        Path dir = path.getFileName() != null && path.getFileName().toString().equals(METADATA)
                ? path.toAbsolutePath().getParent() : path.toAbsolutePath();
        Path metadata = dir.resolve(METADATA);
        if (!Files.isRegularFile(metadata)) {
            throw new IllegalArgumentException("no savepoint or checkpoint at " + dir + " (it has no " + METADATA
                    + " file)");
        }
        RestorePoint p = new RestorePoint(dir, Files.getLastModifiedTime(metadata));
        if (!p.readable()) {
            throw new IllegalArgumentException("the savepoint at " + dir + " is incomplete or damaged (its "
                    + METADATA + " does not read back)");
        }
        return p;
    }

    /**
     * The metadata is written last, but a process killed while writing it leaves a truncated file: read
     * it back rather than trusting that it exists.
     */
    boolean readable() {
        try {
            metadata();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a bounded run ({@code --until-latest}) wrote this: its Kafka source's enumerator state
     * carries {@link BoundedRunMark}'s mark. An unbounded job restored from it would stop reading at that
     * run's offsets, so the unbounded command refuses it before submitting (and the job itself would too).
     */
    public boolean boundedRun() throws IOException {
        for (OperatorState op : metadata().getOperatorStates()) {
            if (op.isFullyFinished()) {
                // Flink keeps no coordinator state, so no mark, for an operator whose every subtask has
                // finished. Nothing of an unbounded job ever finishes; a bounded run's source does once it has
                // read to its end (killed or stopped before the job ended).
                return true;
            }
            ByteStreamStateHandle coordinator = op.getCoordinatorState();
            if (coordinator != null
                    && BoundedRunMark.inCoordinatorState(coordinator.getData()).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private CheckpointMetadata metadata() throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(METADATA))) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), RestorePoint.class.getClassLoader(),
                    dir.toString());
        }
    }

    /**
     * After a savepoint: every other retained checkpoint (job-id folders of this and earlier runs) and
     * every other savepoint is obsolete (a canonical savepoint holds all it needs), so months of stops and
     * restarts do not pile up state. Only folders Flink names are touched. Returns how many went.
     */
    public static int removeAllBut(StateSettings state, Path keep) throws IOException {
        return remove(state, keep.toAbsolutePath().normalize());
    }

    /**
     * After a bounded run has finished: its output is committed to the end, so every retained checkpoint
     * and savepoint is older than the dataset, and restoring one would cut its input a second time.
     */
    public static int removeAll(StateSettings state) throws IOException {
        return remove(state, null);
    }

    private static int remove(StateSettings state, Path kept) throws IOException {
        int removed = 0;
        for (Path job : subfolders(state.checkpointDir())) {
            if (isJobFolder(job)) {
                removed += deleteTree(job) ? 1 : 0;
            }
        }
        for (Path sp : subfolders(state.savepointDir())) {
            if (isSavepoint(sp) && !sp.toAbsolutePath().normalize().equals(kept)) {
                removed += deleteTree(sp) ? 1 : 0;
            }
        }
        return removed;
    }

    /**
     * The folders Flink names under the state folders ({@link #remove} deletes them): job-id folders of
     * checkpoints and savepoint folders, relative to the checkpoint folder. A folder not yet claimed by a
     * dataset that holds any holds another job's state.
     */
    public static List<String> stateFolders(StateSettings state) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path job : subfolders(state.checkpointDir())) {
            if (isJobFolder(job)) {
                found.add(job.getFileName().toString());
            }
        }
        for (Path sp : subfolders(state.savepointDir())) {
            if (isSavepoint(sp)) {
                found.add(state.checkpointDir().relativize(sp).toString());
            }
        }
        return found;
    }

    private static boolean isJobFolder(Path p) {
        return p.getFileName().toString().matches("[0-9a-f]{32}");
    }

    private static boolean isSavepoint(Path p) {
        return p.getFileName().toString().startsWith("savepoint-");
    }

    private static boolean deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException | java.io.UncheckedIOException e) { // a walk reports a vanished folder unchecked
            return false; // Flink discarding the same files at the same time; the next stop tries again
        }
    }

    private static void add(List<RestorePoint> found, Path dir) throws IOException {
        Path metadata = dir.resolve(METADATA);
        if (Files.isRegularFile(metadata)) {
            found.add(new RestorePoint(dir, Files.getLastModifiedTime(metadata)));
        }
    }

    private static List<Path> subfolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
