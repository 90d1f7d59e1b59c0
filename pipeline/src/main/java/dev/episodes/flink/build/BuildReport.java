package dev.episodes.flink.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.episodes.writing.Json;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a bounded build's writers tell its publisher, as JSON (one string type through the union): a
 * shard uploaded under its final name, or how many dead-letter files a subtask uploaded.
 */
public record BuildReport(
        @JsonProperty("shard") @JsonInclude(JsonInclude.Include.NON_NULL) StagedShard shard,
        @JsonProperty("rejected_files") long rejectedFiles) {

    public static String shard(StagedShard s) {
        return write(new BuildReport(s, 0));
    }

    public static String rejected(long files) {
        return write(new BuildReport(null, files));
    }

    public static BuildReport parse(String json) {
        try {
            return Json.MAPPER.readValue(json, BuildReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(BuildReport r) {
        try {
            return Json.MAPPER.writeValueAsString(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
