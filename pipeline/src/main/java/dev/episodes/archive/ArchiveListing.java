package dev.episodes.archive;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The archive files a replay reads, and what it left out. A file input must be named {@code .jsonl} or
 * {@code .jsonl.gz}. A folder is searched recursively; it reads every {@code *.jsonl} and {@code *.jsonl.gz}
 * in it and its subfolders, in order of their relative paths, and skips (and reports) everything else:
 * hidden files and folders (name starting with {@code .}: editors' and copy tools' partial files),
 * other names ({@code .json} too: a JSON document is not JSON Lines). Symbolic links to files are read,
 * links to folders are not followed. Names are kept relative to the folder ({@code sub/x.jsonl}).
 */
public record ArchiveListing(Path root, List<Path> files, List<String> names, List<String> unreadable,
        Map<String, List<String>> skipped) {
    static final String HIDDEN = "hidden";
    static final String OTHER_NAME = "not named .jsonl or .jsonl.gz";
    private static final int EXAMPLES = 3;

    public static boolean isArchiveName(String name) {
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    }

    public static ArchiveListing of(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input does not exist: " + input);
        }
        if (!Files.isDirectory(input)) {
            String name = input.getFileName().toString();
            if (!isArchiveName(name)) {
                throw new IllegalArgumentException("input is not a .jsonl or .jsonl.gz file: " + input);
            }
            Path root = input.toAbsolutePath().getParent();
            return new ArchiveListing(root, List.of(input), List.of(name),
                    Files.isReadable(input) ? List.of() : List.of(name), Map.of());
        }
        Path root = input;
        TreeMap<String, Path> found = new TreeMap<>();
        Map<String, List<String>> skipped = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    skipped.computeIfAbsent("hidden folder", k -> new ArrayList<>()).add(relative(root, dir) + "/");
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                String rel = relative(root, file);
                if (Files.isDirectory(file)) { // a link to a folder: not followed
                    skipped.computeIfAbsent("link to a folder", k -> new ArrayList<>()).add(rel);
                } else if (name.startsWith(".")) {
                    skipped.computeIfAbsent(HIDDEN, k -> new ArrayList<>()).add(rel);
                } else if (!isArchiveName(name)) {
                    skipped.computeIfAbsent(OTHER_NAME, k -> new ArrayList<>()).add(rel);
                } else if (!Files.isRegularFile(file)) {
                    skipped.computeIfAbsent("not a regular file", k -> new ArrayList<>()).add(rel);
                } else {
                    found.put(rel, file);
                    if (!Files.isReadable(file)) {
                        unreadable.add(rel);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                throw new IllegalArgumentException("cannot list input folder " + file + ": " + e.getMessage());
            }
        });
        skipped.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        ArchiveListing listing = new ArchiveListing(root, List.copyOf(found.values()), List.copyOf(found.keySet()),
                List.copyOf(unreadable), skipped);
        if (found.isEmpty()) {
            String report = listing.report();
            throw new IllegalArgumentException("no .jsonl or .jsonl.gz files under " + input
                    + (report.isEmpty() ? "" : "; " + report));
        }
        return listing;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(List::size).sum();
    }

    /**
     * One line saying what a folder input left out and why, with a few names per reason; empty when
     * nothing was left out.
     */
    public String report() {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("skipped ").append(skippedCount()).append(skippedCount() == 1 ? " entry" : " entries")
                .append(" under ").append(root).append(":");
        String sep = " ";
        for (var e : skipped.entrySet()) {
            List<String> names = e.getValue();
            s.append(sep).append(names.size()).append(' ').append(e.getKey()).append(" (")
                    .append(String.join(", ", names.subList(0, Math.min(EXAMPLES, names.size()))))
                    .append(names.size() > EXAMPLES ? ", ..." : "").append(')');
            sep = "; ";
        }
        if (skipped.getOrDefault(OTHER_NAME, List.of()).stream().anyMatch(n -> n.endsWith(".json"))) {
            s.append(". .json files are not read: rename JSON Lines exports to .jsonl");
        }
        return s.toString();
    }
}
