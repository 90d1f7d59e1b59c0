package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodes.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect} on a dataset replayed through the command line, the way a person checks one. */
class InspectCommandITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path root;
    static List<String> partitions = new ArrayList<>();

    @BeforeAll
    static void replay() throws Exception {
        Path input = dir.resolve("activity.jsonl");
        assertEquals(0, EpisodesCliTest.run("generate", "--people", "2", "--minutes", "4", "--seed", "3",
                "--out", input.toString()).code());
        root = dir.resolve("dataset");
        EpisodesCliTest.Run replay = EpisodesCliTest.run("replay", "--pseudonym-key-file", TestKey.path(),
                "--input", input.toString(), "--out",
                root.toString(), "--parallelism", "1");
        assertEquals(0, replay.code(), replay.err());
        try (var list = Files.list(root)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dt=")).sorted().forEach(partitions::add);
        }
        assertFalse(partitions.isEmpty());
    }

    @Test
    void theOverviewListsEveryPartitionAsComplete() throws Exception {
        EpisodesCliTest.Run r = EpisodesCliTest.run("inspect", root.toString());
        assertEquals(0, r.code(), r.err());
        for (String p : partitions) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(p.substring(3) + "  yes")), r.out());
        }
        assertTrue(r.out().contains("schema     1.1"), r.out());

        JsonNode json = JSON.readTree(EpisodesCliTest.run("inspect", root.toString(), "--json").out());
        assertEquals(partitions.size(), json.get("partitions").size());
        long steps = 0;
        for (JsonNode p : json.get("partitions")) {
            steps += p.get("steps").asLong();
            assertEquals("complete", p.get("state").asText());
            assertEquals(0, p.get("issues").size());
        }
        assertEquals(steps, json.get("totals").get("steps").asLong());
    }

    @Test
    void aPartitionAndOneOfItsEpisodesReadBack() throws Exception {
        String date = partitions.get(0).substring(3);
        EpisodesCliTest.Run listing = EpisodesCliTest.run("inspect", root.toString(), "--date", date, "--limit", "3");
        assertEquals(0, listing.code(), listing.err());
        assertTrue(listing.out().startsWith("partition  dt=" + date + "   complete: yes"), listing.out());

        JsonNode detail = JSON.readTree(EpisodesCliTest.run("inspect", root.toString(), "--date", date, "--json").out());
        JsonNode episode = detail.get("episodes").get(0);
        String id = episode.get("episode_id").asText();
        assertTrue(listing.out().contains("  " + id + "  "), "the listing shows whole ids: " + listing.out());

        EpisodesCliTest.Run timeline = EpisodesCliTest.run("inspect", root.toString(), "--episode", id, "--width", "100");
        assertEquals(0, timeline.code(), timeline.err());
        assertTrue(timeline.out().startsWith("episode    " + id + "\npartition  dt=" + date), timeline.out());
        List<String> lines = timeline.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("+mm:ss.SSS")).findFirst().orElseThrow());
        assertEquals(episode.get("num_steps").asInt(), lines.size() - header - 1, "one line per step");
        assertTrue(lines.get(header + 1).contains("+00:00.000"), timeline.out());
        lines.forEach(l -> assertTrue(l.length() <= 100, l));

        JsonNode steps = JSON.readTree(EpisodesCliTest.run("inspect", root.toString(), "--episode", id, "--date", date,
                "--json").out()).get("steps");
        assertEquals(episode.get("num_steps").asInt(), steps.size());
    }

    @Test
    void unknownDatesAndEpisodesAreClearErrors() {
        EpisodesCliTest.Run date = EpisodesCliTest.run("inspect", root.toString(), "--date", "1999-01-01");
        assertEquals(2, date.code());
        assertTrue(date.err().startsWith("error: no partition dt=1999-01-01 in " + root + "; it has " + partitions.get(0)),
                date.err());
        EpisodesCliTest.Run episode = EpisodesCliTest.run("inspect", root.toString(), "--episode", "0123456789abcdef");
        assertEquals(2, episode.code());
        assertTrue(episode.err().startsWith("error: no episode 0123456789abcdef in " + root + " (searched "),
                episode.err());
        for (EpisodesCliTest.Run r : List.of(date, episode)) {
            assertTrue(r.out().isEmpty() && !r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void aFileMissingFromAPartitionIsReportedWithExitCodeOne() throws Exception {
        Path copy = dir.resolve("damaged");
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(root.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path steps;
        try (var files = Files.list(copy.resolve(partitions.get(0)).resolve("steps"))) {
            steps = files.findFirst().orElseThrow();
        }
        Files.delete(steps);
        EpisodesCliTest.Run r = EpisodesCliTest.run("inspect", copy.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("missing") && l.contains(partitions.get(0) + "/steps/"
                + steps.getFileName())), r.out());
    }
}
