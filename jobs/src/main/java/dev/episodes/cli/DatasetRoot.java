package dev.episodes.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * Where a dataset lives, as given on the command line: a URI of any file system Flink reaches
 * ({@code s3://bucket/prefix}, {@code hdfs://nn/path}, {@code gs://…}), {@code file://…}, or a local path
 * (made absolute). Local roots keep the checks only a local disk allows (a probe file, the lease, the
 * dataset outside the input); the others are checked through their store ({@link Preflight#store}).
 */
public record DatasetRoot(String uri) {
    /** {@code scheme://…} with a scheme of two or more letters (as {@code Store}); {@code C:\…} stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+://.*");
    private static final Pattern FILE = Pattern.compile("^(?i)file:.*");

    public DatasetRoot {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a dataset root must not be empty");
        }
    }

    /** Parses what a person typed: a local path becomes absolute, {@code file:} a local path, a URI stays. */
    public static DatasetRoot parse(String given) {
        String s = given == null ? "" : given.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a dataset root must not be empty (give a folder or a URI such as "
                    + "s3://bucket/prefix)");
        }
        if (!SCHEME.matcher(s).matches() && !FILE.matcher(s).matches()) {
            return local(Path.of(s));
        }
        String scheme = s.substring(0, s.indexOf(':')).toLowerCase(Locale.ROOT);
        if (FILE.matcher(s).matches()) {
            try {
                return local(Path.of(URI.create(s)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a file URI (write file:///absolute/path, or "
                        + "the path alone)");
            }
        }
        URI u;
        try {
            u = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a URI (" + e.getMessage() + ")");
        }
        if (u.getAuthority() == null || u.getAuthority().isBlank()) {
            throw new IllegalArgumentException("'" + s + "' names no " + (scheme.startsWith("s3") || scheme.equals("gs")
                    ? "bucket" : "host") + " (write " + scheme + "://" + (scheme.startsWith("s3") || scheme.equals("gs")
                    ? "bucket" : "namenode") + "/path)");
        }
        String r = s;
        while (r.endsWith("/") && !r.endsWith("://")) {
            r = r.substring(0, r.length() - 1);
        }
        return new DatasetRoot(scheme + r.substring(scheme.length()));
    }

    public static DatasetRoot local(Path dir) {
        return new DatasetRoot(dir.toAbsolutePath().normalize().toString());
    }

    /** True for a folder on a local disk (or a mount that looks like one). */
    public boolean isLocal() {
        return !SCHEME.matcher(uri).matches();
    }

    /** The local folder, when this root is one. */
    public Optional<Path> localPath() {
        return isLocal() ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    /** {@code s3}, {@code hdfs}, …; {@code file} for a local root. */
    public String scheme() {
        return isLocal() ? "file" : uri.substring(0, uri.indexOf(':'));
    }

    /**
     * The root as the pipeline's entry points take it today (a local {@link Path}). A URI of another
     * store is refused here, in one place, until the pipeline takes a root URI ({@code Store.of}).
     */
    Path pipelinePath(String flag) {
        return localPath().orElseThrow(() -> new IllegalArgumentException(flag + " " + uri + ": this build of the "
                + "pipeline writes local folders only so far (give a local folder or file:// path)"));
    }

    /** A child of the root, {@code /}-separated ({@code <out>.state} and the like take {@link #sibling}). */
    public DatasetRoot resolve(String key) {
        return new DatasetRoot(uri + "/" + key);
    }

    /** The root's name with {@code suffix} ({@code s3://b/episodes} -> {@code s3://b/episodes.state}). */
    public DatasetRoot sibling(String suffix) {
        return new DatasetRoot(uri + suffix);
    }

    @Override
    public String toString() {
        return uri;
    }

    /** For picocli: {@code --out} and the ROOT positionals. */
    public static final class Converter implements ITypeConverter<DatasetRoot> {
        @Override
        public DatasetRoot convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
