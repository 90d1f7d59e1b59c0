package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.Modifiers;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.Events;
import dev.episodes.testing.Flink;
import dev.episodes.testing.RawIdLeaks;
import dev.episodes.writing.Json;
import dev.episodes.writing.ShardReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people, each with their own and the other's ids in every form (case, delimiters, percent and
 * base64 encodings, full-width) in every context field and typed, from input files named after them,
 * replayed on a MiniCluster: no file under the output root holds any raw id in any form.
 */
class RawIdsReplayITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String KEY = "raw-ids-itcase-key-0123456789abcdef";
    static final List<String> IDS = List.of("u-1042", "d-7", "u-2001", "d-13", "u-990001", "d-4242");

    @TempDir
    static Path dir;
    static Path root;
    static RunSummary summary;
    static long lines;

    @BeforeAll
    static void replay() throws Exception {
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("2025-11-29"));
        List<RawEvent> all = new ArrayList<>(person("u-1042", "d-7", List.of("u-2001", "d-13", "u-990001")));
        all.addAll(person("u-2001", "d-13", List.of("u-1042", "d-7", "d-4242")));
        all.sort(java.util.Comparator.comparingLong(RawEvent::tsUs));
        // Both files hold both people's events; the files are read in name order, so the earlier half
        // goes to the name that sorts first (files overlapping in time would make late events).
        lines += write(input.resolve("2025-11-29/d_13.jsonl"), all.subList(0, all.size() / 2));
        lines += write(input.resolve("U-1042_export.jsonl"), all.subList(all.size() / 2, all.size()));
        root = dir.resolve("dataset");
        summary = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(2),
                PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, KEY))).run(Flink.env(), Progress.NONE);
    }

    /** One person's day: each form of each id (own and colleagues') shown in a context and typed. */
    static List<RawEvent> person(String user, String device, List<String> colleagues) {
        List<RawEvent> out = new ArrayList<>();
        long[] clock = {Events.T0_US + (user.equals("u-1042") ? 0 : 7_000), 0};
        List<String> ids = new ArrayList<>(List.of(user, device));
        ids.addAll(colleagues);
        for (String id : ids) {
            for (String form : RawIdLeaks.forms(id)) {
                long t = clock[0];
                out.add(new ContextEvent(user + "-" + clock[1], user, device, t, clock[1]++, "Slack " + form,
                        "Chat with " + form, "https://chat.example.com/c/" + form + "?from=" + form,
                        new Element("textbox " + form, "Reply to " + form, false, 100, 200, 300, 30),
                        "s3://frames/" + form + "/" + t + ".png", 2560, 1440));
                clock[0] += 20_000;
                out.add(new MouseEvent(user + "-" + clock[1], user, device, clock[0], clock[1]++, MouseEvent.Action.DOWN,
                        120, 210, MouseEvent.Button.LEFT, 0, 0));
                out.add(new MouseEvent(user + "-" + clock[1], user, device, clock[0] + 70_000, clock[1]++,
                        MouseEvent.Action.UP, 120, 210, MouseEvent.Button.LEFT, 0, 0));
                clock[0] += 600_000;
                ("ask " + form + " ok").codePoints().forEach(cp -> {
                    String c = new String(Character.toChars(cp));
                    boolean letter = Character.isLetter(cp) && cp < 128;
                    String code = letter ? "Key" + c.toUpperCase() : Character.isDigit(cp) && cp < 128 ? "Digit" + c
                            : c.equals(" ") ? "Space" : "Unidentified";
                    int mods = letter && Character.isUpperCase(cp) ? Modifiers.SHIFT : 0;
                    out.add(new KeyEvent(user + "-" + clock[1], user, device, clock[0], clock[1]++, true, c, code, mods));
                    out.add(new KeyEvent(user + "-" + clock[1], user, device, clock[0] + 50_000, clock[1]++, false, c, code,
                            mods));
                    clock[0] += 110_000;
                });
                out.add(new KeyEvent(user + "-" + clock[1], user, device, clock[0], clock[1]++, true, "Enter", "Enter", 0));
                out.add(new KeyEvent(user + "-" + clock[1], user, device, clock[0] + 50_000, clock[1]++, false, "Enter",
                        "Enter", 0));
                clock[0] += 2_000_000;
            }
        }
        return out;
    }

    static long write(Path file, List<RawEvent> events) throws Exception {
        List<String> json = events.stream().map(JsonEventEncoder::encode).toList();
        Files.write(file, json, StandardCharsets.UTF_8);
        return json.size();
    }

    @Test
    void everyLineIsAccountedForAndTheRunDidNotFailOnTheFileNames() {
        assertEquals(lines, summary.recordsRead());
        assertEquals(0, summary.deadLetterTotal(), "a corpus that follows the contract: " + summary);
        assertTrue(summary.accountedFor());
        assertTrue(summary.commit().steps() > 100, "steps: " + summary.commit().steps());
    }

    @Test
    void noFileUnderTheOutputRootHoldsARawIdInAnyForm() throws Exception {
        List<String> leaks = new ArrayList<>();
        int files = 0;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files++;
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String leak : RawIdLeaks.find(bytes, IDS)) {
                    leaks.add(root.relativize(f) + ": " + leak);
                }
                if (f.toString().endsWith(".parquet")) {
                    for (GenericRecord r : ShardReader.read(f)) {
                        for (String leak : RawIdLeaks.find(r.toString(), IDS)) {
                            leaks.add(root.relativize(f) + " row: " + leak + " in " + r);
                        }
                    }
                }
            }
        }
        assertTrue(files > 3, "files: " + files);
        assertEquals(List.of(), leaks.stream().limit(20).toList(), leaks.size() + " leaks");
    }

    @Test
    void ownIdsBecomeThePseudonymAndColleaguesIdsAPlaceholder() throws Exception {
        Pseudonymizer p = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8));
        StringBuilder rows = new StringBuilder();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.filter(x -> x.toString().endsWith(".parquet") && x.toString().contains("/steps/")).toList()) {
                for (GenericRecord r : ShardReader.read(f)) {
                    rows.append(r.get("text")).append('\n').append(r.get("window_title")).append('\n');
                }
            }
        }
        assertTrue(rows.indexOf("ask " + p.user("u-1042") + " ok") >= 0, "the person's own id typed: their pseudonym");
        assertTrue(rows.indexOf("Chat with " + p.device("d-13")) >= 0, "the device's own id shown: its pseudonym");
        assertTrue(rows.indexOf("ask [ID] ok") >= 0, "a colleague's id typed: a placeholder");
        assertTrue(rows.indexOf(p.user("u-2001")) < 0 || rows.indexOf("ask " + p.user("u-2001") + " ok") >= 0,
                "a colleague's pseudonym only where that person typed their own id");
    }

    @Test
    void theManifestListsTheInputFilesWithoutTheirIds() throws Exception {
        List<Path> manifests;
        try (Stream<Path> all = Files.walk(root)) {
            manifests = all.filter(f -> f.getFileName().toString().equals("_manifest.json")).toList();
        }
        assertTrue(!manifests.isEmpty());
        for (Path m : manifests) {
            JsonNode files = Json.MAPPER.readTree(m.toFile()).path("input").path("files");
            List<String> names = new ArrayList<>();
            files.forEach(n -> names.add(n.asText()));
            assertEquals(List.of("2025-11-29/[ID].jsonl", "[ID]_export.jsonl"), names.stream().sorted().toList(), m.toString());
        }
    }
}
