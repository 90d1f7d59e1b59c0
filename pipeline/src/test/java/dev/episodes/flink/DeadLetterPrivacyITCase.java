package dev.episodes.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.testing.Flink;
import dev.episodes.writing.DatasetLayout;
import dev.episodes.writing.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written corpus (not the generator's) of malformed lines that carry secrets and raw ids, replayed
 * on a MiniCluster: every file under the output root (Parquet read back by DuckDB as well as raw bytes)
 * and the run summary are searched for every planted value, raw, lower and upper case. Every line is still
 * accounted for, and each dead letter keeps its reason and source.
 */
class DeadLetterPrivacyITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_764_403_200_000_000L;
    private static final String PASSWORD = "Tr0ub4dor&3";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String IBAN = "DE89370400440532013000";
    private static final String IBAN_SPACED = "DE89 3704 0044 0532 0130 00";
    private static final String CARD = "4111111111111111";
    private static final String CARD_SPACED = "4111 1111 1111 1111";
    private static final String TOKEN = "zq7Xk2pLw9mBv4";
    private static final List<String> PLANTED = List.of(PASSWORD, EMAIL, IBAN, IBAN_SPACED, CARD, CARD_SPACED, TOKEN,
            "u-1042", "d-7", "u-1042-d-7", "u-2001", "d-9", "u-1042_d-7");

    @TempDir
    static Path dir;
    static Path root;
    static RunSummary summary;
    static int lines;
    static final Set<Long> malformed = new TreeSet<>();
    static final Set<Long> revokedLines = new TreeSet<>();

    private static String key(String user, String device, long ts, long seq, String key, boolean withCode) {
        return "{\"kind\":\"key\",\"event_id\":\"" + user + "-k" + seq + "\",\"user_id\":\"" + user + "\",\"device_id\":\""
                + device + "\",\"ts_us\":" + ts + ",\"seq\":" + seq + ",\"action\":\"down\",\"key\":\"" + key + "\""
                + (withCode ? ",\"code\":\"KeyA\"" : "") + ",\"modifiers\":[]}";
    }

    private static String context(String user, String device, long ts, long seq, String title, String screenW) {
        return "{\"kind\":\"context\",\"event_id\":\"" + user + "-c" + seq + "\",\"user_id\":\"" + user
                + "\",\"device_id\":\"" + device + "\",\"ts_us\":" + ts + ",\"seq\":" + seq + ",\"app\":\"Notes\","
                + "\"window_title\":\"" + title + "\",\"url\":null,\"element\":{\"role\":\"textbox\",\"name\":\"Body\","
                + "\"secure\":false,\"x\":1,\"y\":2,\"w\":3,\"h\":4},\"screenshot_ref\":\"s3://frames/" + device
                + "/1.png\",\"screen_w\":" + screenW + ",\"screen_h\":1440}";
    }

    private static String mouse(String user, String device, long ts, long seq, String action) {
        return "{\"kind\":\"mouse\",\"event_id\":\"" + user + "-m" + seq + "\",\"user_id\":\"" + user
                + "\",\"device_id\":\"" + device + "\",\"ts_us\":" + ts + ",\"seq\":" + seq + ",\"action\":\"" + action
                + "\",\"x\":10,\"y\":20,\"button\":\"left\",\"dx\":null,\"dy\":null}";
    }

    @BeforeAll
    static void replay() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> out = new ArrayList<>();
        List<Boolean> bad = new ArrayList<>();
        List<Boolean> revoked = new ArrayList<>();
        java.util.function.BiConsumer<String, Boolean> good = (l, unused) -> {
            out.add(l.getBytes(StandardCharsets.UTF_8));
            bad.add(false);
            revoked.add(false);
        };
        java.util.function.BiConsumer<String, Boolean> reject = (l, rev) -> {
            out.add(l.getBytes(StandardCharsets.UTF_8));
            bad.add(true);
            revoked.add(rev);
        };
        // u-2001 revoked before any of their lines.
        good.accept("{\"kind\":\"consent\",\"event_id\":\"c1\",\"user_id\":\"u-2001\",\"device_id\":\"\",\"ts_us\":"
                + (T0 - 3_600_000_000L) + ",\"seq\":0,\"status\":\"revoked\"}", false);
        // Good activity of u-1042 on d-7: some steps.
        good.accept(context("u-1042", "d-7", T0, 1, "Inbox", "2560"), false);
        good.accept(mouse("u-1042", "d-7", T0 + 100_000, 2, "down"), false);
        good.accept(mouse("u-1042", "d-7", T0 + 150_000, 3, "up"), false);
        // A password rebuilt from missing_field key events: one character each, no code.
        long seq = 10;
        for (char c : PASSWORD.toCharArray()) {
            reject.accept(key("u-1042", "d-7", T0 + 1_000_000 + seq * 1000, seq, String.valueOf(c), false), false);
            seq++;
        }
        // Emails, IBANs, cards and raw ids in every case and joined, in a record that is wrong elsewhere.
        reject.accept(context("u-1042", "d-7", T0 + 2_000_000, seq++, EMAIL + " " + IBAN + " " + IBAN_SPACED + " "
                + CARD_SPACED + " U-1042 u-1042-d-7 D-7 u-1042_D-7", "-1"), false);
        // The bad token repeated in detail: as an unknown kind, a bare JSON token, a duplicate field name.
        reject.accept("{\"kind\":\"" + TOKEN + "\",\"event_id\":\"e\",\"user_id\":\"u-1042\",\"ts_us\":" + T0 + "}", false);
        reject.accept("{\"kind\":" + TOKEN + ",\"user_id\":\"u-1042\"}", false);
        reject.accept("{\"" + TOKEN + "\":1,\"" + TOKEN + "\":2}", false);
        reject.accept("{\"kind\":\"key\"} " + TOKEN + " " + EMAIL, false);
        reject.accept("[\"" + TOKEN + "\",\"" + CARD + "\"]", false);
        // A card number where a time should be, and where a pixel should be.
        reject.accept(key("u-1042", "d-7", Long.parseLong(CARD), seq++, "a", true), false);
        reject.accept(mouse("u-1042", "d-7", T0 + 3_000_000, seq++, "down").replace("\"x\":10", "\"x\":" + CARD), false);
        // Not UTF-8, with a secret around the bad byte.
        byte[] notUtf8 = ("{\"kind\":\"key\",\"user_id\":\"u-1042\",\"key\":\"" + PASSWORD + "\u0000")
                .getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 1] = (byte) 0xC3;
        out.add(notUtf8);
        bad.add(true);
        revoked.add(false);
        // The revoked person's malformed lines: named (key without code), and unparseable with the id upper case.
        reject.accept(key("u-2001", "d-9", T0 + 4_000_000, 1, "p", false), true);
        reject.accept("{{ " + EMAIL + " U-2001 " + PASSWORD, true);
        reject.accept("garbage u-2001-D-9 " + IBAN, true);
        for (int i = 0; i < out.size(); i++) {
            file.write(out.get(i));
            file.write('\n');
            if (bad.get(i)) {
                malformed.add(i + 1L);
            }
            if (revoked.get(i)) {
                revokedLines.add(i + 1L);
            }
        }
        lines = out.size();
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        Files.write(input.resolve("export-1.jsonl"), file.toByteArray());
        root = dir.resolve("dataset");
        summary = new ArchiveReplay(input, root, PipelineConfig.defaults().withParallelism(1),
                PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, "dead-letter-privacy-test-key-0123")))
                .run(Flink.env(), Progress.NONE);
    }

    private static List<JsonNode> deadLetters() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(DatasetLayout.REJECTED))) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return out;
    }

    /** Every file's bytes, every Parquet file's values as DuckDB reads them, and the run summary. */
    private static Map<String, String> everything() throws Exception {
        Map<String, String> text = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (Path f : files) {
                text.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                        + new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                if (f.toString().endsWith(".parquet")) {
                    StringBuilder sb = new StringBuilder();
                    try (ResultSet rs = st.executeQuery("select * from read_parquet('" + f + "')")) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= n; i++) {
                                sb.append(rs.getString(i)).append('\u0001');
                            }
                        }
                    }
                    text.put(f + " (values)", sb.toString());
                }
            }
        }
        text.put("run summary", summary.toString());
        return text;
    }

    @Test
    void noPlantedValueAppearsAnywhereUnderTheRootOrInTheSummary() throws Exception {
        Map<String, String> all = everything();
        assertTrue(all.keySet().stream().anyMatch(k -> k.endsWith("(values)")), "steps were written: " + all.keySet());
        for (Map.Entry<String, String> e : all.entrySet()) {
            String lower = e.getValue().toLowerCase(Locale.ROOT);
            for (String p : PLANTED) {
                for (String form : List.of(p, p.toLowerCase(Locale.ROOT), p.toUpperCase(Locale.ROOT))) {
                    assertFalse(e.getValue().contains(form) || lower.contains(form.toLowerCase(Locale.ROOT)),
                            "'" + form + "' in " + e.getKey());
                }
            }
        }
    }

    @Test
    void noKeyValueNoRawAndTheDetailHoldsNoInput() throws Exception {
        for (JsonNode n : deadLetters()) {
            assertFalse(n.has("raw"), n.toString());
            assertFalse(n.path("record").has("key") || n.path("record").has("code"), n.toString());
            assertFalse(n.get("detail").asText().contains(TOKEN), n.toString());
        }
    }

    @Test
    void everyLineIsAccountedForAndEachDeadLetterKeepsReasonAndSource() throws Exception {
        assertEquals(lines, summary.recordsRead());
        assertEquals(malformed.size(), summary.deadLetterTotal(), summary.deadLetters().toString());
        assertTrue(summary.accountedFor());
        List<JsonNode> dls = deadLetters();
        assertEquals(malformed.size(), dls.size());
        Set<Long> seen = new TreeSet<>();
        for (JsonNode n : dls) {
            assertFalse(n.path("reason").asText().isEmpty(), n.toString());
            assertEquals("export-1.jsonl", n.path("file").asText(), n.toString());
            seen.add(n.path("line").asLong());
        }
        assertEquals(malformed, seen, "one dead letter per malformed line, each naming its line");
        assertEquals(PASSWORD.length() + 1L, // the password's characters and the revoked person's key event
                dls.stream().filter(n -> n.get("reason").asText().equals("missing_field")).count());
    }

    @Test
    void aRevokedPersonsLinesAreWithheldEvenWhenUnparseable() throws Exception {
        for (JsonNode n : deadLetters()) {
            boolean isRevoked = revokedLines.contains(n.get("line").asLong());
            assertEquals(isRevoked, n.has("withheld"), n.toString());
            if (isRevoked) {
                assertFalse(n.has("record"), n.toString());
            }
        }
    }

    @Test
    void privateIsOwnerOnly() throws Exception {
        Path priv = root.resolve(DatasetLayout.PRIVATE);
        if (Files.getFileStore(priv).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(root.resolve(DatasetLayout.REJECTED))));
            try (Stream<Path> files = Files.list(root.resolve(DatasetLayout.REJECTED))) {
                for (Path f : files.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
                }
            }
        }
        assertFalse(Files.exists(root.resolve("_rejected")), "the old place is not used");
    }
}
