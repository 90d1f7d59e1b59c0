package dev.episodes.cli;

import dev.episodes.flink.runs.JobStalledException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * How a failure reaches a person: one {@code error: <what> (<what to do>)} line and an exit code, never a
 * stack trace unless asked for ({@code --verbose} or {@code EPISODES_DEBUG=1}).
 */
final class ErrorLine {
    static final String DEBUG_ENV = "EPISODES_DEBUG";
    private static final String TRACE_HINT = "rerun with --verbose or " + DEBUG_ENV + "=1 for the stack trace";
    private static final int MAX_LENGTH = 400;

    private ErrorLine() {}

    /** Prints the line (and the trace when debugging) and returns the exit code for {@code t}. */
    static int report(PrintWriter err, Throwable t, boolean debug) {
        int code;
        String line;
        JobStalledException stalled = find(t, JobStalledException.class);
        if (t instanceof IllegalArgumentException) {
            code = ExitCode.USAGE;
            line = t.getMessage();
        } else if (stalled != null) {
            code = ExitCode.STALLED;
            line = stalled.getMessage();
        } else {
            code = ExitCode.FAILED;
            line = describe(t) + " (" + TRACE_HINT + ")";
        }
        err.println("error: " + oneLine(line));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** What went wrong, from the innermost cause that says something, with advice where we know it. */
    static String describe(Throwable t) {
        if (find(t, OutOfMemoryError.class) != null) {
            return "out of memory; raise the heap (EPISODES_JAVA_OPTS=-Xmx4g) or lower --parallelism or "
                    + "--max-buffered-steps";
        }
        Throwable inner = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.contains("Insufficient number of network buffers")) {
                return "not enough network memory for this parallelism; lower --parallelism";
            }
            if (c instanceof FileSystemException || (m != null && !m.isBlank())) {
                inner = c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (inner instanceof NoSuchFileException e) {
            return "no such file: " + e.getFile();
        }
        if (inner instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (inner instanceof FileSystemException e && e.getFile() != null) {
            return e.getFile() + ": " + (e.getReason() == null ? kind(e) : e.getReason());
        }
        String m = inner.getMessage();
        return m == null || m.isBlank() ? kind(inner) : kind(inner) + ": " + m;
    }

    /** The failure's kind in words: {@code UncheckedIOException} becomes "unchecked IO". */
    private static String kind(Throwable t) {
        String name = t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * {@code s} on one line, control characters escaped (ESC as backslash-u001b): a message may
     * quote what a user passed or a file held, and a terminal must not act on it (an escape sequence, a NUL).
     */
    static String oneLine(String s) {
        String flat = String.valueOf(s).replaceAll("\\s*\\R\\s*", "; ").strip();
        StringBuilder out = new StringBuilder(flat.length());
        flat.codePoints().forEach(c -> {
            if (Character.getType(c) == Character.CONTROL || c == 0x202d || c == 0x202e
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        String clean = out.toString();
        return clean.length() <= MAX_LENGTH ? clean : clean.substring(0, MAX_LENGTH) + "...";
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
