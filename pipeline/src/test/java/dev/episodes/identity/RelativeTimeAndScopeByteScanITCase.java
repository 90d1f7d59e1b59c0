package dev.episodes.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.episodes.event.RawEvent;
import dev.episodes.redaction.Pseudonymizer;
import dev.episodes.testing.TestKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red team (issue 17): IdentityScopeITCase's leak check reads Parquet rows through DuckDB and text files as
 * text; this one scans the raw bytes of every file outside {@code _private/} (Parquet footers, statistics,
 * key-value metadata, manifests, the card, _meta, _audit) and every file and folder name, under
 * {@code --identity episode --time relative} (and {@code day}, for stable values only), with a dead letter
 * of one person and an unparseable line, for a stable pseudonym, a raw id, or an absolute event time
 * (microseconds, milliseconds or seconds, as decimal text or as a little-endian int64, other than a UTC
 * midnight, which relative time keeps), and for an ISO hour of the day.
 */
class RelativeTimeAndScopeByteScanITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nothingOutsidePrivateHoldsAStableValueOrAnAbsoluteTime(boolean episodeScope) throws Exception {
        List<RawEvent> events = RedTeamCorpus.events();
        List<String> lines = new ArrayList<>(RedTeamCorpus.lines(events));
        // a malformed record of u-3001 (a dead letter naming them) and one of nobody
        lines.add(lines.size() / 2, "{\"kind\":\"mouse\",\"event_id\":\"bad-1\",\"user_id\":\"u-3001\",\"device_id\":"
                + "\"d-3001\",\"ts_us\":" + (RedTeamCorpus.DAY0 + 10 * RedTeamCorpus.HOUR) + ",\"seq\":1,\"action\":\"down\"}");
        lines.add(3, "{not json u-3002");
        Path input = RedTeamCorpus.write(dir, lines);
        Path root = dir.resolve("root");
        RedTeamCorpus.build(input, root, episodeScope ? IdentityScope.EPISODE : IdentityScope.DAY,
                episodeScope ? TimeScope.parse("relative", false) : TimeScope.ABSOLUTE);
        if (!episodeScope) {
            events = List.of(); // day scope keeps absolute times: look for stable values only
        }

        Pseudonymizer p = TestKey.KEY.pseudonymizer();
        Map<String, byte[]> needles = new LinkedHashMap<>();
        for (int i = 0; i < RedTeamCorpus.PEOPLE.size(); i++) {
            String u = RedTeamCorpus.PEOPLE.get(i);
            String d = "d-" + (3001 + i);
            for (String v : List.of(u, d, p.user(u), p.device(d))) {
                needles.put(v, v.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (RawEvent e : events) {
            long us = e.tsUs();
            if (us % RedTeamCorpus.DAY == 0) {
                continue;
            }
            for (long v : new long[] {us, us / 1000}) {
                needles.put("time " + v, Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                needles.put("int64 " + v, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
            }
            if ((us / 1_000_000) % 86_400 != 0) {
                needles.put("seconds " + us / 1_000_000, Long.toString(us / 1_000_000).getBytes(StandardCharsets.US_ASCII));
            }
        }
        for (String h : !episodeScope ? List.<String>of() : List.of("T09:", "T11:", "T15:", "T09", "T11", "T15", "09:00", "11:00", "15:00")) {
            needles.put("hour " + h, h.getBytes(StandardCharsets.US_ASCII));
        }

        TreeSet<String> found = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path f : all.toList()) {
                String rel = root.relativize(f).toString();
                if (rel.startsWith("_private")) {
                    continue;
                }
                for (var n : needles.entrySet()) {
                    if (!n.getKey().startsWith("int64") && rel.contains(new String(n.getValue(), StandardCharsets.ISO_8859_1))) {
                        found.add("name " + rel + ": " + n.getKey());
                    }
                }
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        }
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            for (var n : needles.entrySet()) {
                if (indexOf(b, n.getValue()) >= 0) {
                    found.add(root.relativize(f) + ": " + n.getKey());
                }
            }
        }
        assertEquals(List.of(), List.copyOf(found));
        // the scan can see: the person's dead letter, under _private, names their stable pseudonym
        boolean seen = false;
        try (Stream<Path> priv = Files.walk(root.resolve("_private"))) {
            for (Path f : priv.filter(Files::isRegularFile).toList()) {
                seen |= indexOf(Files.readAllBytes(f), needles.get(p.user("u-3001"))) >= 0;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen, "the scan found the stable pseudonym in _private");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
