package dev.episodes.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.episodes.writing.Json;

/**
 * Inspection results for machines: the same records as the text, as JSON with the dataset's own
 * snake_case names and raw values (microsecond times, whole pseudonyms, byte counts).
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonReport() {}

    /** A {@link DatasetOverview}, {@link PartitionDetail} or {@link EpisodeTimeline} as indented JSON. */
    public static String of(Object report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
