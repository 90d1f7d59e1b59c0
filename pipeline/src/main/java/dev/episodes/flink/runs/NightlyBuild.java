package dev.episodes.flink.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 */
public final class NightlyBuild {
    /** The build of one day (from files or from Kafka). */
    public interface Days {
        BoundedBuild.Job day(LocalDate date) throws Exception;
    }

    /** What happened to one day: built (with its summary) or skipped as already done. */
    public record DayResult(LocalDate date, RunSummary summary) {
        public boolean skipped() {
            return summary == null;
        }
    }

    private final Path root;
    private final Days days;
    private final Supplier<StreamExecutionEnvironment> environments;

    public NightlyBuild(Path root, Days days, Supplier<StreamExecutionEnvironment> environments) {
        this.root = root.toAbsolutePath();
        this.days = days;
        this.environments = environments;
    }

    public List<DayResult> run(LocalDate from, LocalDate to, boolean restart, Progress progress,
            java.util.function.Consumer<String> log) throws Exception {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to-date " + to + " is before --from-date " + from);
        }
        boolean backfill = !from.equals(to);
        Path journal = root.resolve(DatasetLayout.META).resolve("backfills").resolve(from + "_" + to + ".json");
        Map<String, String> done = backfill && !restart ? read(journal) : new TreeMap<>();
        List<DayResult> results = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (done.containsKey(d.toString())) {
                log.accept("dt=" + d + " already built by this backfill (run " + done.get(d.toString())
                        + "); --restart rebuilds it");
                results.add(new DayResult(d, null));
                continue;
            }
            log.accept("Building dt=" + d + "...");
            BoundedBuild.Job job = days.day(d);
            RunSummary s = BoundedBuild.execute(job, environments.get(), "episodes-nightly " + d, progress);
            if (!s.accountedFor()) {
                throw new IllegalStateException("dt=" + d + ": counts do not add up, stopping the backfill: " + s);
            }
            results.add(new DayResult(d, s));
            if (backfill) {
                done.put(d.toString(), s.runId());
                Json.writeAtomically(journal, done);
            }
        }
        return results;
    }

    private static Map<String, String> read(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return new TreeMap<>();
        }
        return new TreeMap<>(Json.MAPPER.readValue(journal.toFile(), new TypeReference<Map<String, String>>() {}));
    }
}
