package dev.episodes.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * One row of an {@code episodes} file (episodes.md). {@code file} is its steps file, relative to the
 * partition; {@code split} the person's training split (null in files written before splits). Reports
 * never show {@code user} or {@code device} (nor does {@code --json}): listed by episode, a stable
 * pseudonym would make any report a table by person.
 */
public record EpisodeRow(String episodeId, @JsonIgnore String user, @JsonIgnore String device, long startTsUs, long endTsUs, int numSteps,
        List<String> apps, int redactionCount, String file, String split) {

    public EpisodeRow {
        apps = List.copyOf(apps);
    }

    static EpisodeRow of(GenericRecord r) {
        return new EpisodeRow(Columns.text(r, "episode_id"), Columns.text(r, "user"), Columns.text(r, "device"),
                Columns.number(r, "start_ts_us"), Columns.number(r, "end_ts_us"), (int) Columns.number(r, "num_steps"),
                Columns.texts(r, "apps"), (int) Columns.number(r, "redaction_count"), Columns.text(r, "file"),
                Columns.text(r, "split"));
    }
}
