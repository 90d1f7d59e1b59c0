package dev.episodes.flink.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.episodes.storage.Store;
import dev.episodes.writing.Compaction;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Canonical daily partitions, one bounded build per UTC day ({@code dt=D} holds the episodes that started
 * on D). A range is a backfill: days are built in order, each recorded in a journal under
 * {@code _meta/backfills/} as it is published, so a rerun of the same range resumes after the last
 * finished day. A single day is always rebuilt (late data after a build is picked up).
 *
 * <p>A day the input holds nothing for (a default date on an old export, 1970, next year) is not built
 * unless empty days are allowed: it would publish an empty, complete partition over whatever was there.
 * A long range says which day of how many it is at, and when it should end.
 */
public final class NightlyBuild {
    /** The build of one day (from files or from Kafka). */
    public interface Days {
        BoundedBuild.Job day(LocalDate date) throws Exception;

        /** Whether the input holds any event of the day; days without are built only when empty days are allowed. */
        default boolean hasInput(LocalDate date) throws Exception {
            return true;
        }
    }

    /**
     * How a range is run: rebuild finished days, publish days without input, the watchdog's timeout, and
     * the compaction run on each day after its commit (null: none). A rebuild writes target-size shards
     * itself; what it kept (the streaming job's small files committed since it started) is merged then.
     */
    public record Options(boolean restart, boolean allowEmpty, Duration stallTimeout, Compaction.Settings compaction) {
        public Options(boolean restart, boolean allowEmpty, Duration stallTimeout) {
            this(restart, allowEmpty, stallTimeout, null);
        }
    }

    /** What happened to one day: built (with its summary), skipped as already done, or without input. */
    public record DayResult(LocalDate date, RunSummary summary, boolean noInput) {
        public DayResult(LocalDate date, RunSummary summary) {
            this(date, summary, false);
        }

        public boolean skipped() {
            return summary == null;
        }
    }

    private final Store store;
    private final Days days;
    private final Supplier<StreamExecutionEnvironment> environments;

    public NightlyBuild(Path root, Days days, Supplier<StreamExecutionEnvironment> environments) {
        this(Store.local(root), days, environments);
    }

    /** The backfill journal lives in {@code store} (the dataset root). */
    public NightlyBuild(Store store, Days days, Supplier<StreamExecutionEnvironment> environments) {
        this.store = store;
        this.days = days;
        this.environments = environments;
    }

    public List<DayResult> run(LocalDate from, LocalDate to, boolean restart, Progress progress,
            java.util.function.Consumer<String> log) throws Exception {
        return run(from, to, new Options(restart, true, Duration.ZERO), progress, log);
    }

    public List<DayResult> run(LocalDate from, LocalDate to, Options options, Progress progress,
            java.util.function.Consumer<String> log) throws Exception {
        boolean restart = options.restart();
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to-date " + to + " is before --from-date " + from);
        }
        boolean backfill = !from.equals(to);
        String journal = DatasetLayout.META + "/backfills/" + from + "_" + to + ".json";
        Map<String, String> done = backfill && !restart ? read(journal) : new TreeMap<>();
        List<DayResult> results = new ArrayList<>();
        long total = ChronoUnit.DAYS.between(from, to) + 1;
        if (backfill) {
            log.accept(String.format("Backfill of %,d days, %s to %s", total, from, to));
        }
        long index = 0;
        long builtNanos = 0;
        long built = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            index++;
            String of = backfill ? String.format(" (day %,d of %,d)", index, total) : "";
            if (done.containsKey(d.toString())) {
                log.accept("dt=" + d + of + " already built by this backfill (run " + done.get(d.toString())
                        + "); --restart rebuilds it");
                results.add(new DayResult(d, null));
                continue;
            }
            if (!options.allowEmpty() && !days.hasInput(d)) {
                results.add(new DayResult(d, null, true)); // the caller says so, once for all such days
                continue;
            }
            log.accept("Building dt=" + d + of + eta(builtNanos, built, total - index + 1) + "...");
            long dayStarted = System.nanoTime();
            BoundedBuild.Job job = days.day(d);
            RunSummary s = BoundedBuild.execute(job, environments.get(), "episodes-nightly " + d, progress,
                    options.stallTimeout());
            builtNanos += System.nanoTime() - dayStarted;
            built++;
            if (!s.accountedFor()) {
                throw new IllegalStateException("dt=" + d + ": counts do not add up, stopping the backfill: " + s);
            }
            results.add(new DayResult(d, s));
            if (options.compaction() != null) {
                String own = "part-" + s.runId() + "-";
                Compaction.Result c = Compaction.compact(store, DatasetLayout.partition(d), options.compaction(),
                        name -> !name.startsWith(own));
                if (c.committed()) {
                    log.accept(String.format("dt=%s compacted: %,d data files -> %,d", d, c.filesBefore(), c.filesAfter()));
                }
            }
            if (backfill) {
                done.put(d.toString(), s.runId());
                store.replace(journal, Json.MAPPER.writeValueAsBytes(done));
            }
        }
        return results;
    }

    /** ", ETA 3h20m" from the days built so far, for the days left (this one included). */
    static String eta(long builtNanos, long built, long left) {
        if (built == 0) {
            return "";
        }
        long seconds = builtNanos / built / 1_000_000_000L * left;
        String t = seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" + String.format("%02ds", seconds % 60)
                : seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
        return ", about " + t + " left";
    }

    private Map<String, String> read(String journal) throws IOException {
        var bytes = store.read(journal);
        if (bytes.isEmpty()) {
            return new TreeMap<>();
        }
        return new TreeMap<>(Json.MAPPER.readValue(bytes.get(), new TypeReference<Map<String, String>>() {}));
    }
}
