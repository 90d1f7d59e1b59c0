package dev.episodes.writing;

import dev.episodes.schema.output.Episode;
import dev.episodes.schema.output.Frame;
import dev.episodes.schema.output.Step;
import dev.episodes.storage.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The dataset card, {@code README.md} at the dataset root (episodes.md 1.1): a Hugging Face YAML header
 * ({@code configs} with their {@code data_files}, {@code dataset_info} features as {@code datasets} reads
 * them), then the column docs, how splits work, what the dataset leaves out, why readers follow the
 * manifests, and how to load and join steps to frames. Made from the schemas and the configuration only,
 * never from the data: the same configuration gives the same bytes, and no per-person value is in it.
 */
public final class DatasetCard {
    public static final String FILE = "README.md";

    /** The tables in the order configs list them; steps is the default config. */
    private static final List<String> TABLES = List.of(DatasetLayout.STEPS, DatasetLayout.EPISODES, DatasetLayout.FRAMES);

    private DatasetCard() {}

    /** Writes the card (replaced whole, only when its bytes change) for a run's described configuration. */
    public static void write(Store store, Map<String, Object> config) throws IOException {
        byte[] card = render(config).getBytes(StandardCharsets.UTF_8);
        Optional<byte[]> old = store.read(FILE);
        if (old.isEmpty() || !Arrays.equals(old.get(), card)) {
            store.replace(FILE, card);
        }
    }

    /**
     * Whether a run makes frames: the {@code frames} entry of its described configuration, a boolean, a map
     * with {@code enabled}, or the settings themselves. Absent (configurations before frames existed): off.
     */
    public static boolean framesOn(Map<String, Object> config) {
        Object f = config == null ? null : config.get(DatasetLayout.FRAMES);
        if (f instanceof dev.episodes.frames.FrameSettings settings) {
            return settings.enabled();
        }
        if (f instanceof Map<?, ?> m) {
            f = m.get("enabled");
        }
        return Boolean.TRUE.equals(f);
    }

    /** The glob of one table's data files under every partition, relative to the dataset root. */
    public static String glob(String table) {
        return "dt=*/" + table + "/*.parquet";
    }

    public static String render(Map<String, Object> config) {
        boolean frames = framesOn(config);
        List<String> tables = frames ? TABLES : TABLES.subList(0, 2);
        StringBuilder out = new StringBuilder();
        header(out, tables, frames);
        body(out, tables, frames, config);
        return out.toString();
    }

    private static Schema schema(String table) {
        return switch (table) {
            case DatasetLayout.STEPS -> Step.getClassSchema();
            case DatasetLayout.EPISODES -> Episode.getClassSchema();
            case DatasetLayout.FRAMES -> Frame.getClassSchema();
            default -> throw new IllegalArgumentException("no table " + table);
        };
    }

    // ---- YAML header ----

    private static void header(StringBuilder out, List<String> tables, boolean frames) {
        out.append("---\n");
        out.append("pretty_name: \"Desktop activity episodes\"\n");
        out.append("tags:\n- computer-use\n- gui-actions\n");
        if (frames) {
            out.append("- screenshots\n");
        }
        // Every row loads into the split "train": the training split is the `split` column (see Splits).
        out.append("configs:\n");
        for (String t : tables) {
            out.append("- config_name: ").append(t).append('\n');
            if (t.equals(DatasetLayout.STEPS)) {
                out.append("  default: true\n");
            }
            out.append("  data_files:\n  - split: train\n    path: \"").append(glob(t)).append("\"\n");
        }
        out.append("dataset_info:\n");
        for (String t : tables) {
            out.append("- config_name: ").append(t).append("\n  features:\n");
            for (Schema.Field f : schema(t).getFields()) {
                feature(out, "  ", f.name(), f.schema(), t);
            }
        }
        out.append("---\n");
    }

    /**
     * One feature as {@code datasets} writes it in YAML: {@code dtype} for values and images,
     * {@code sequence} for lists of values (read by every release), {@code list} of named fields for
     * lists of records, {@code struct} for records.
     */
    private static void feature(StringBuilder out, String indent, String name, Schema s, String table) {
        Schema v = nonNull(s);
        out.append(indent).append("- name: ").append(name).append('\n');
        String in = indent + "  ";
        if (isImage(table, name, v)) {
            out.append(in).append("dtype: image\n");
        } else if (v.getType() == Schema.Type.ARRAY && nonNull(v.getElementType()).getType() == Schema.Type.RECORD) {
            out.append(in).append("list:\n");
            for (Schema.Field f : nonNull(v.getElementType()).getFields()) {
                feature(out, in, f.name(), f.schema(), table);
            }
        } else if (v.getType() == Schema.Type.ARRAY) {
            out.append(in).append("sequence: ").append(dtype(nonNull(v.getElementType()))).append('\n');
        } else if (v.getType() == Schema.Type.RECORD) {
            out.append(in).append("struct:\n");
            for (Schema.Field f : v.getFields()) {
                feature(out, in, f.name(), f.schema(), table);
            }
        } else {
            out.append(in).append("dtype: ").append(dtype(v)).append('\n');
        }
    }

    /** The frames table's {@code image}: the Hugging Face Image feature (struct of bytes and path). */
    private static boolean isImage(String table, String name, Schema v) {
        return table.equals(DatasetLayout.FRAMES) && name.equals("image") && v.getType() == Schema.Type.RECORD;
    }

    private static String dtype(Schema v) {
        return switch (v.getType()) {
            case STRING -> "string";
            case INT -> "int32";
            case LONG -> "int64";
            case BOOLEAN -> "bool";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BYTES -> "binary";
            default -> throw new IllegalArgumentException("no Hugging Face type for Avro " + v);
        };
    }

    /** A readable type for the column tables: {@code string}, {@code int32, null}, {@code list<string>}. */
    private static String typeText(String table, String name, Schema s) {
        Schema v = nonNull(s);
        String nullable = v == s ? "" : ", null";
        if (isImage(table, name, v)) {
            return "image (struct<bytes, path>)";
        }
        if (v.getType() == Schema.Type.ARRAY) {
            Schema e = nonNull(v.getElementType());
            return (e.getType() == Schema.Type.RECORD ? "list<struct<" + String.join(", ",
                    e.getFields().stream().map(f -> f.name() + ": " + dtype(nonNull(f.schema()))).toList()) + ">>"
                    : "list<" + dtype(e) + ">") + nullable;
        }
        return dtype(v) + nullable;
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        return s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElse(s);
    }

    // ---- Markdown body ----

    private static void body(StringBuilder out, List<String> tables, boolean frames, Map<String, Object> config) {
        out.append("\n# Desktop activity episodes\n\n");
        out.append("What people did at their desktops, as steps (the observation before an action, and the action)"
                + " grouped into episodes; schema version ").append(DatasetCommitter.SCHEMA_VERSION).append(".");
        out.append(frames
                ? " Each step names the masked screenshot taken before it (`frame_id`, in the `frames` table).\n"
                : " This dataset is built without frames: `frame_id` is null in every step.\n");
        out.append("\nThis card is written by the pipeline with `_meta/info.json` (which holds the full configuration)"
                + " and describes the dataset as configured, not its contents.\n");

        out.append("\n## Tables\n\n");
        out.append("Each `dt=YYYY-MM-DD/` partition (the UTC day an episode started) holds one folder per table."
                + " The configs above load them by glob (`steps` is the default):\n\n");
        out.append("| config | files | one row per |\n|---|---|---|\n");
        out.append("| `steps` | `").append(glob(DatasetLayout.STEPS)).append("` | step, sorted by (`episode_id`, `step_index`) |\n");
        out.append("| `episodes` | `").append(glob(DatasetLayout.EPISODES)).append("` | episode |\n");
        if (frames) {
            out.append("| `frames` | `").append(glob(DatasetLayout.FRAMES))
                    .append("` | distinct screenshot of an episode (the Hugging Face `Image` feature) |\n");
        }
        out.append("\nAn episode is never split across files, and its frames are in the frames file of the shard"
                + " that holds its steps: joins of steps to frames (on `episode_id` and `frame_id`) stay inside a"
                + " partition.\n");

        out.append("\n## Columns\n");
        for (String t : tables) {
            out.append("\n### `").append(t).append("`\n\n| column | type | meaning |\n|---|---|---|\n");
            Map<String, String> docs = ColumnDocs.ALL.getOrDefault(t, Map.of());
            for (Schema.Field f : schema(t).getFields()) {
                String doc = docs.getOrDefault(f.name(), f.doc() == null ? "" : f.doc());
                out.append("| `").append(f.name()).append("` | ").append(cell(typeText(t, f.name(), f.schema())))
                        .append(" | ").append(cell(doc)).append(" |\n");
            }
        }

        out.append("\n## Splits\n\n");
        out.append("Every row loads into the Hugging Face split `train`; the training split is the `split` column"
                + " (in steps and episodes): a hash of the person's pseudonym, so a person's episodes are all in one"
                + " split and no person is in two.");
        Object splits = config == null ? null : config.get("splits");
        if (splits != null) {
            out.append(" Configured splits: `").append(cell(String.valueOf(splits))).append("`.");
        }
        out.append(" Select one by filtering, e.g. `WHERE split = 'validation'` or"
                + " `ds.filter(lambda r: r[\"split\"] == \"validation\")`.\n");

        out.append("\n## Identity and time\n\n");
        String identity = config == null ? "stable" : String.valueOf(config.getOrDefault("identity", "stable"));
        String time = config == null ? "absolute" : String.valueOf(config.getOrDefault("time", "absolute"));
        out.append("Built with `--identity ").append(cell(identity)).append("` and `--time ")
                .append(cell(time.equals("relative-hour") ? "relative --time-keep-hour" : time)).append("`: ");
        out.append(switch (identity) {
            case "episode" -> "`user` and `device` are keyed pseudonyms of one episode each: no value links two"
                    + " episodes of one person, in the rows, the manifests or the statistics.";
            case "day" -> "`user` and `device` are keyed pseudonyms of one person (device) and UTC day: they link"
                    + " a person's episodes within a day, never across days.";
            default -> "`user` and `device` are one stable pseudonym per person and per device: grouping by them"
                    + " links all of a person's episodes.";
        });
        out.append(time.startsWith("relative")
                ? " Step times are microseconds from their episode's start; an episode keeps only its start date"
                        + (time.equals("relative-hour") ? " and hour" : "") + " (in `start_ts_us`) and its length."
                : " Times are event times (microseconds since the epoch, UTC).");
        out.append(" What could still link episodes: docs/linkability.md of the pipeline.\n");

        out.append("\n## What this dataset does not contain\n\n");
        out.append("- Raw ids: `user` and `device` are keyed HMAC pseudonyms, and ids inside text, titles and URLs"
                + " are replaced by pseudonyms; sensitive spans are placeholders such as `[PASSWORD]`.\n");
        out.append("- The recorder's screenshot URIs: `screenshot_ref` is always null (they name devices).\n");
        out.append(frames
                ? "- Unmasked frames: every region listed in a frame's `masks` (secure fields, fields secrets were"
                        + " typed into, redacted element names, regions of the scope policy) was filled solid before"
                        + " the image was stored; nothing under it is in the bytes.\n"
                : "- Frames: none are made for this dataset; no screenshot was read.\n");
        out.append("- Dead letters and audit records: they live under `_private/` and `_audit/`, never read by"
                + " training, and no glob above reaches them.\n");
        out.append("- Per-person figures: manifests and this card count the dataset as a whole.\n");

        out.append("\n## Manifests: read the files they name\n\n");
        out.append("A partition's content is its current `dt=…/_manifest.json`: it names every data file with its"
                + " size, row count and SHA-256. Files are immutable; a compaction, rebuild or erasure publishes a new"
                + " manifest and keeps the files it replaced for a grace period (24 h by default) for readers of the"
                + " older version. A glob (the configs above, `read_parquet('dt=*/…')`) sees those replaced files too"
                + " and counts their rows twice within the grace period; readers that must be exact read the files"
                + " the current manifests name, as the examples below do. Partitions with `_SUCCESS` are complete;"
                + " without it a streaming job may still add files.\n");
        out.append("\nPartitions written before schema 1.1 have no `frame_id` column: read steps with"
                + " `union_by_name = true` (DuckDB), or rebuild those days, before loading them with the features"
                + " declared above.\n");

        out.append("\n## Loading\n\n");
        out.append("DuckDB, from the dataset root (or after `SET file_search_path = '<root>'`; s3:// roots work with"
                + " the httpfs extension):\n\n");
        out.append("```sql\n").append(frames ? DUCKDB_FRAMES : DUCKDB_STEPS).append("```\n");
        out.append("\nPython (`datasets`; `pyarrow.parquet.read_table(named(...))` reads the same files):\n\n");
        out.append("```python\n").append(frames ? PYTHON_FRAMES : PYTHON_STEPS).append("```\n");
        out.append("\n`load_dataset(\"<root>\", \"").append(frames ? "frames" : "steps")
                .append("\")` loads by the configs' globs instead (see Manifests).\n");
    }

    /** A Markdown table cell: pipes escaped, no line breaks. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    private static final String DUCKDB_NAMED = """
            -- The data files the partitions' current manifests name.
            CREATE TEMP TABLE named AS
                SELECT parse_dirpath(filename) || '/' || f.path AS path, f."table" AS tbl
                FROM (SELECT filename, unnest(files) AS f
                      FROM read_json('dt=*/_manifest.json', filename = true,
                                     columns = {files: 'STRUCT(path VARCHAR, "table" VARCHAR)[]'}));
            SET VARIABLE steps_files = (SELECT list(path ORDER BY path) FROM named WHERE tbl = 'steps');
            """;

    private static final String DUCKDB_FRAMES = DUCKDB_NAMED + """
            SET VARIABLE frames_files = (SELECT list(path ORDER BY path) FROM named WHERE tbl = 'frames');
            -- Each step with the frame it was taken on: size, masks, the encoded image.
            SELECT s.episode_id, s.step_index, s.action, s.x, s.y, f.width, f.height,
                   len(f.masks) AS masks, octet_length(f.image.bytes) AS image_bytes
            FROM read_parquet(getvariable('steps_files'), union_by_name = true) AS s
            JOIN read_parquet(getvariable('frames_files')) AS f
              ON f.episode_id = s.episode_id AND f.frame_id = s.frame_id
            ORDER BY s.episode_id, s.step_index;
            """;

    private static final String DUCKDB_STEPS = DUCKDB_NAMED + """
            SELECT s.split, s.action, count(*) AS steps
            FROM read_parquet(getvariable('steps_files'), union_by_name = true) AS s
            GROUP BY ALL ORDER BY ALL;
            """;

    private static final String PYTHON_NAMED = """
            import glob, json, os
            from datasets import load_dataset

            root = "/path/to/dataset"

            def named(table):
                \"""The files of one table the partitions' current manifests name.\"""
                files = []
                for manifest in sorted(glob.glob(os.path.join(root, "dt=*", "_manifest.json"))):
                    with open(manifest) as m:
                        files += [os.path.join(os.path.dirname(manifest), f["path"])
                                  for f in json.load(m)["files"] if f["table"] == table]
                return files

            steps = load_dataset("parquet", data_files=named("steps"), split="train")
            """;

    private static final String PYTHON_FRAMES = PYTHON_NAMED + """
            frames = load_dataset("parquet", data_files=named("frames"), split="train")
            row_of = {(e, f): i for i, (e, f) in enumerate(zip(frames["episode_id"], frames["frame_id"]))}
            for step in steps:
                if step["frame_id"] is not None:
                    frame = frames[row_of[(step["episode_id"], step["frame_id"])]]
                    image = frame["image"]  # a PIL image, masked where frame["masks"] says
            """;

    private static final String PYTHON_STEPS = PYTHON_NAMED + """
            validation = steps.filter(lambda r: r["split"] == "validation")
            """;

    /** The tables this card's configs name, for the given configuration. */
    public static List<String> tables(Map<String, Object> config) {
        return new ArrayList<>(framesOn(config) ? TABLES : TABLES.subList(0, 2));
    }
}
