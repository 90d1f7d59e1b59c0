package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.generate.GeneratorSettings;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.TestKey;
import dev.episodes.writing.DatasetCommitter;
import dev.episodes.writing.Json;
import dev.episodes.writing.Manifest;
import java.util.Set;
import java.util.TreeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds are reproducible from the jar users run, each build in its own JVM: the same input gives the
 * same bytes in every file under the root (Parquet footers, manifests, audit, dead letters, metadata),
 * a rerun into the same root changes nothing, and another input for a day replaces the day whole.
 */
class ReproducibleBuildsITCase {
    static final String DAY = "2026-11-27";

    @Test
    void replaysInSeparateJvmsWriteTheSameBytesAndARerunChangesNothing(@TempDir Path dir) throws Exception {
        generate(dir, "in/activity.jsonl", 7);
        replay(dir, "in", "a");
        Map<String, String> a = tree(dir.resolve("a"), p -> true);
        assertTrue(a.keySet().stream().anyMatch(p -> p.startsWith("_private/rejected/")), "dead letters too: " + a.keySet());
        assertTrue(a.keySet().stream().filter(p -> p.endsWith(".parquet")).count() >= 4, a.keySet().toString());

        replay(dir, "in", "b");
        assertEquals(a, tree(dir.resolve("b"), p -> true), "another JVM, the same bytes in every file");

        replay(dir, "in", "a");
        assertEquals(a, tree(dir.resolve("a"), p -> true), "a rerun into the same root: nothing added or changed");
    }

    @Test
    void nightlyTwiceKeepsTheDayAndAnotherInputReplacesItWhole(@TempDir Path dir) throws Exception {
        generate(dir, "in/activity.jsonl", 7);
        generate(dir, "other/activity.jsonl", 8);
        Predicate<String> day = p -> p.startsWith("dt=" + DAY + "/") || p.startsWith("_audit/dt=" + DAY + "/");

        nightly(dir, "in", "c");
        Map<String, String> first = tree(dir.resolve("c"), p -> true);
        nightly(dir, "in", "c");
        assertEquals(first, tree(dir.resolve("c"), p -> true), "the nightly build rerun in another JVM");

        nightly(dir, "other", "c");
        nightly(dir, "other", "fresh");
        Map<String, String> replaced = tree(dir.resolve("c"), day);
        Map<String, String> firstDay = new TreeMap<>(first);
        firstDay.keySet().removeIf(day.negate());
        assertNotEquals(firstDay, replaced, "the other input made another day");
        // The commit protocol (episodes.md 1.1): the replaced files stay, retired, for the grace period,
        // and the partition's log has one more version; what the current manifest names is what a build
        // into an empty root makes.
        assertEquals(named(dir.resolve("fresh")), named(dir.resolve("c")),
                "the day holds the other input's rows only, as if built into an empty root");
        assertEquals(unnumbered(dir.resolve("fresh")), unnumbered(dir.resolve("c")));
        Manifest current = manifest(dir.resolve("c"));
        Set<String> retired = new TreeSet<>();
        current.retired().forEach(r -> retired.add(r.path()));
        for (String f : replaced.keySet()) {
            if (!tree(dir.resolve("fresh"), day).containsKey(f)) {
                assertTrue(retired.contains(f) || f.startsWith("dt=" + DAY + "/_manifests/"),
                        f + " is neither in the fresh build nor retired");
            }
        }
        assertTrue(retired.containsAll(firstDay.keySet().stream().filter(f -> f.endsWith(".parquet")).toList()),
                "every file of the first input is retired: " + retired);
    }

    private static Manifest manifest(Path root) throws Exception {
        return Json.MAPPER.readValue(root.resolve("dt=" + DAY + "/_manifest.json").toFile(), Manifest.class);
    }

    /** The current manifest without what the protocol adds (its version and retired files). */
    private static Manifest unnumbered(Path root) throws Exception {
        return manifest(root).numbered(0, java.util.List.of());
    }

    /** What the day's current manifest names (data and audit files), with their SHA-256. */
    private static Map<String, String> named(Path root) throws Exception {
        Manifest m = manifest(root);
        Map<String, String> out = new TreeMap<>();
        for (Manifest.FileEntry f : m.files()) {
            String rel = "dt=" + DAY + "/" + f.path();
            out.put(rel, DatasetCommitter.sha256(root.resolve(rel)));
        }
        for (String a : m.audit()) {
            out.put(a, DatasetCommitter.sha256(root.resolve(a)));
        }
        return out;
    }

    /** Input as `generate` writes it, here in the test's JVM (only the builds need their own). */
    private static void generate(Path dir, String out, long seed) throws Exception {
        Path file = dir.resolve(out);
        Files.createDirectories(file.getParent());
        Corpus.write(file, GeneratorSettings.of(3, Duration.ofMinutes(10), seed).withMalformedRate(0.01));
    }

    private static void replay(Path dir, String in, String out) throws Exception {
        RunnableJarITCase.Result r = RunnableJarITCase.run(dir, "replay", "--pseudonym-key-file", TestKey.path(),
                "--input", in, "--out", out,
                "--parallelism", "2", "--target-file-size", "16KB");
        assertEquals(0, r.code(), r.out());
    }

    private static void nightly(Path dir, String in, String out) throws Exception {
        RunnableJarITCase.Result r = RunnableJarITCase.run(dir, "nightly", "--pseudonym-key-file", TestKey.path(),
                "--date", DAY, "--input", in, "--out", out,
                "--parallelism", "2");
        assertEquals(0, r.code(), r.out());
    }

    /** Every file under the root that {@code which} selects: relative path and SHA-256. */
    static Map<String, String> tree(Path root, Predicate<String> which) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (which.test(rel)) {
                    out.put(rel, DatasetCommitter.sha256(f));
                }
            }
        }
        return out;
    }
}
