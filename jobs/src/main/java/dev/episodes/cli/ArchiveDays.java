package dev.episodes.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Which UTC days archives hold events of, read once before a nightly build: a day without any is not
 * built (it would publish an empty, complete partition), and a backfill from 2020 over a week of input
 * skips the empty years at once instead of running a job per day. Only {@code ts_us} is looked at; a
 * line without one is a dead letter for the build to report. The scan stops once every wanted day is found.
 */
final class ArchiveDays {
    private static final Pattern TS = Pattern.compile("\"ts_us\"\\s*:\\s*(-?\\d{1,19})");

    /** The days found, and the span of the whole input when it was read to the end. */
    record Found(Set<LocalDate> days, LocalDate earliest, LocalDate latest, boolean wholeInput) {
        String span() {
            if (earliest == null) {
                return wholeInput ? "no event at all" : "?";
            }
            return earliest.equals(latest) ? "events of " + earliest : "events from " + earliest + " to " + latest;
        }
    }

    private ArchiveDays() {}

    static Found scan(Path input, LocalDate first, LocalDate last) throws IOException {
        List<Path> files = dev.episodes.archive.ArchiveListing.of(input).files();
        Set<LocalDate> found = new TreeSet<>();
        long wanted = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        LocalDate earliest = null;
        LocalDate latest = null;
        for (Path f : files) {
            try (InputStream raw = Files.newInputStream(f);
                    BufferedReader r = new BufferedReader(new InputStreamReader(f.getFileName().toString().endsWith(".gz")
                            ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = TS.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    LocalDate day;
                    try {
                        long us = Long.parseLong(m.group(1));
                        day = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
                    } catch (RuntimeException e) {
                        continue;
                    }
                    earliest = earliest == null || day.isBefore(earliest) ? day : earliest;
                    latest = latest == null || day.isAfter(latest) ? day : latest;
                    if (!day.isBefore(first) && !day.isAfter(last) && found.add(day) && found.size() == wanted) {
                        return new Found(found, earliest, latest, false);
                    }
                }
            } catch (IOException e) {
                return new Found(allDays(first, last), null, null, false); // the build names the broken file
            }
        }
        return new Found(found, earliest, latest, true);
    }

    private static Set<LocalDate> allDays(LocalDate first, LocalDate last) {
        Set<LocalDate> all = new TreeSet<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            all.add(d);
        }
        return all;
    }
}
