package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.identity.IdentityScope;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The identity and time scope a dataset records ({@code _meta/info.json}, config {@code identity} and
 * {@code time}; a dataset from before issue 17 records neither and is {@code stable}, {@code absolute}).
 * A run that would add rows of another scope is refused: one root mixing them would hand out, next to
 * unlinkable episodes, the stable pseudonyms and exact times that link them.
 */
public final class DatasetScopes {
    private DatasetScopes() {}

    /**
     * What the dataset records, {@code [identity, time]}; empty for a root without a dataset yet. From
     * {@code _meta/info.json}, or, without one (a first build killed between its partitions' commits and
     * writing it), from the manifests: each records the scopes of the run that built it in {@code input}.
     */
    public static Optional<String[]> recorded(Store store) throws IOException {
        Optional<byte[]> info = store.read(DatasetLayout.META + "/" + DatasetLayout.INFO);
        if (info.isPresent()) {
            JsonNode config = Json.MAPPER.readTree(info.get()).path("config");
            return Optional.of(new String[] {config.path("identity").asText("stable"), config.path("time").asText("absolute")});
        }
        for (dev.episodes.storage.StoreEntry p : store.list("")) {
            if (!p.directory() || !p.name().startsWith("dt=")) {
                continue;
            }
            Manifest m = new PartitionLog(store, p.name(), DatasetLayout.RETIRED_GRACE).current().manifest();
            if (m != null && m.input() != null && m.input().get(IDENTITY) != null) {
                return Optional.of(new String[] {String.valueOf(m.input().get(IDENTITY)),
                        String.valueOf(m.input().getOrDefault(TIME, "absolute"))});
            }
        }
        return Optional.empty();
    }

    private static final String IDENTITY = "identity";
    private static final String TIME = "time";

    /** A run's {@code input} for its manifests, with the scopes of its configuration ({@code describe()}). */
    public static Map<String, Object> withScopes(Map<String, Object> input, Map<String, Object> config) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(input);
        out.put(IDENTITY, config.getOrDefault(IDENTITY, "stable"));
        out.put(TIME, config.getOrDefault(TIME, "absolute"));
        return out;
    }

    /** The identity scope of the dataset's rows (stable when it records none). */
    public static IdentityScope identity(Store store) throws IOException {
        return recorded(store).map(r -> IdentityScope.parse(r[0])).orElse(IdentityScope.STABLE);
    }

    /** Refuses a run whose configuration ({@code describe()}) writes another scope than the dataset's. */
    public static void requireSame(Store store, Map<String, Object> config) throws IOException {
        Optional<String[]> had = recorded(store);
        if (had.isEmpty() || config == null) {
            return;
        }
        String identity = String.valueOf(config.getOrDefault("identity", "stable"));
        String time = String.valueOf(config.getOrDefault("time", "absolute"));
        if (!had.get()[0].equals(identity) || !had.get()[1].equals(time)) {
            throw new IllegalArgumentException("the dataset at this root holds --identity " + had.get()[0] + " --time "
                    + flag(had.get()[1]) + " rows and this run would add --identity " + identity + " --time "
                    + flag(time) + " (give the dataset's own settings to add to it, or write to a new root: one "
                    + "dataset mixing them would link what the other setting unlinks)");
        }
    }

    private static String flag(String time) {
        return time.equals("relative-hour") ? "relative --time-keep-hour" : time;
    }
}
