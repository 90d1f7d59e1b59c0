package dev.episodes.writing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts the lines of a text file, within a memory budget (sorted runs spilled beside the output, then
 * merged). Dead letters arrive in the order parallel decoders and timelines happened to emit them; sorted,
 * the same input gives the same file, whatever the run.
 */
public final class SortedLines {
    /** Characters held in memory before a sorted run is spilled. */
    static final long BUFFER_CHARS = 16L * 1024 * 1024;

    private SortedLines() {}

    public static void sort(Path in, Path out) throws IOException {
        sort(in, out, BUFFER_CHARS);
    }

    static void sort(Path in, Path out, long bufferChars) throws IOException {
        List<Path> runs = new ArrayList<>();
        List<String> buffer = new ArrayList<>();
        try {
            long chars = 0;
            try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    buffer.add(line);
                    chars += line.length();
                    if (chars >= bufferChars) {
                        Path run = out.resolveSibling("." + out.getFileName() + ".run" + runs.size() + ".tmp");
                        write(buffer, run);
                        runs.add(run);
                        buffer.clear();
                        chars = 0;
                    }
                }
            }
            if (runs.isEmpty()) {
                write(buffer, out);
            } else {
                merge(buffer, runs, out);
            }
        } finally {
            for (Path run : runs) {
                Files.deleteIfExists(run);
            }
        }
    }

    private static void write(List<String> lines, Path file) throws IOException {
        lines.sort(null);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    private record Head(String line, BufferedReader rest) {}

    private static void merge(List<String> buffer, List<Path> runs, Path out) throws IOException {
        buffer.sort(null);
        List<BufferedReader> readers = new ArrayList<>();
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.line().compareTo(b.line()));
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Path run : runs) {
                BufferedReader r = Files.newBufferedReader(run, StandardCharsets.UTF_8);
                readers.add(r);
                push(heads, r);
            }
            int next = 0;
            while (!heads.isEmpty() || next < buffer.size()) {
                String line;
                if (heads.isEmpty() || (next < buffer.size() && buffer.get(next).compareTo(heads.peek().line()) <= 0)) {
                    line = buffer.get(next++);
                } else {
                    Head h = heads.poll();
                    line = h.line();
                    push(heads, h.rest());
                }
                w.write(line);
                w.write('\n');
            }
        } finally {
            for (BufferedReader r : readers) {
                r.close();
            }
        }
    }

    private static void push(PriorityQueue<Head> heads, BufferedReader r) {
        try {
            String line = r.readLine();
            if (line != null) {
                heads.add(new Head(line, r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
