package dev.episodes.redaction;

import dev.episodes.pairing.UiContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which inputs take a secret beyond the platform's {@code secure} flag: fields whose role, name, window
 * title or URL say so (in many languages), and the lines typed into a terminal or remote-desktop client
 * after a command that prompts for a secret without echo. Configuration, not state: the shipped default
 * is {@code secret-inputs.conf} next to this class; {@link #parse} reads the same format from a file.
 */
public final class SecretInputs implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String DEFAULT_RESOURCE = "secret-inputs.conf";
    private static final Pattern TEXT_ROLE = Pattern.compile(
            "(?i)text|edit|entry|input|field|combo|search|spin|terminal|secure|password");
    private static final Pattern CAMEL = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})");
    private static final Pattern SEPARATORS = Pattern.compile("[_\\-./?=&#+:;,|()\\[\\]{}\"<>]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SEGMENT = Pattern.compile("&&|\\|\\||[;|&\\n]|\\$\\(|`");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*|^\\$[A-Za-z_][A-Za-z0-9_:]*=?.*");
    private static final List<String> WRAPPERS = List.of("sudo", "doas", "env", "time", "nohup", "exec", "command",
            "builtin", "nice", "ionice", "runuser", "caffeinate", "=");
    private static final List<String> WRAPPER_OPTIONS_WITH_ARGUMENT = List.of("-u", "-g", "-U", "-C", "-D", "-h", "-p",
            "-r", "-t", "-T", "-n");
    private static final SecretInputs STANDARD = loadDefault(); // after the patterns it is built with

    /** A command that prompts for {@code lines} secrets, optionally only with arguments matching {@code args}. */
    public record Prompt(int lines, String program, Pattern args) implements Serializable {}

    private final Pattern words;
    private final List<String> terminalApps;
    private final List<Prompt> prompts;
    private final long lateFocusUs;
    private static final int MEMO_SLOTS = 1 << 12;
    private transient volatile Answer[] answers; // bounded, direct-mapped: a new context evicts its slot's

    public SecretInputs(List<String> words, List<String> terminalApps, List<Prompt> prompts, long lateFocusUs) {
        if (lateFocusUs < 0) {
            throw new IllegalArgumentException("late-focus interval must not be negative");
        }
        this.words = wordPattern(words);
        this.terminalApps = terminalApps.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        this.prompts = List.copyOf(prompts);
        this.lateFocusUs = lateFocusUs;
    }

    /** The shipped default. */
    public static SecretInputs standard() {
        return STANDARD;
    }

    public static SecretInputs load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the {@code secret-inputs.conf} format; a bad line fails with its number. */
    public static SecretInputs parse(String text) {
        List<String> words = new ArrayList<>();
        List<String> terminals = new ArrayList<>();
        List<Prompt> prompts = new ArrayList<>();
        long lateFocus = 3_000_000L;
        String section = null;
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            try {
                switch (section == null ? "" : section) {
                    case "words" -> words.add(line);
                    case "terminals" -> terminals.add(line);
                    case "prompts" -> prompts.add(prompt(line));
                    case "late-focus" -> lateFocus = duration(line);
                    default -> throw new IllegalArgumentException("outside a known section");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret inputs, line " + n + ": " + e.getMessage());
            }
        }
        return new SecretInputs(words, terminals, prompts, lateFocus);
    }

    public long lateFocusUs() {
        return lateFocusUs;
    }

    /** Whether the focused element takes a secret by what its role, name, window title or URL say. */
    public boolean takesSecret(UiContext c) {
        // Remembered per exact (role, name, title, url): normalizing and matching the four per step was
        // 8% of the device timelines' time (profile of issue 16); steps share few contexts.
        Answer[] memo = answers;
        if (memo == null) {
            memo = new Answer[MEMO_SLOTS];
            answers = memo; // a race makes two tables, never a wrong answer: entries are immutable
        }
        int h = java.util.Objects.hash(c.elementRole(), c.elementName(), c.windowTitle(), c.url());
        int slot = (h ^ (h >>> 16)) & (MEMO_SLOTS - 1);
        Answer known = memo[slot];
        if (known != null && known.isFor(c)) {
            return known.secret();
        }
        boolean secret = decideSecret(c);
        memo[slot] = new Answer(c.elementRole(), c.elementName(), c.windowTitle(), c.url(), secret);
        return secret;
    }

    private record Answer(String role, String name, String title, String url, boolean secret) {
        boolean isFor(UiContext c) {
            return java.util.Objects.equals(role, c.elementRole()) && java.util.Objects.equals(name, c.elementName())
                    && java.util.Objects.equals(title, c.windowTitle()) && java.util.Objects.equals(url, c.url());
        }
    }

    /** The rules themselves, without the memo (package-private for the memo's test). */
    boolean decideSecret(UiContext c) {
        String role = c.elementRole();
        if (role != null && matches(role)) {
            return true;
        }
        if (role != null && !role.isBlank() && !TEXT_ROLE.matcher(role).find()) {
            return false; // a button or a link that mentions a password is not where one is typed
        }
        return matches(c.elementName()) || matches(c.windowTitle()) || matches(withoutQuery(c.url()));
    }

    /** The URL's host and path: a search for "reset password" in the query is not a password page. */
    private static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        int end = q < 0 ? f : f < 0 ? q : Math.min(q, f);
        return end < 0 ? url : url.substring(0, end);
    }

    /** Whether typing here goes to a terminal or a remote machine, where password prompts have no flag. */
    public boolean isTerminal(UiContext c) {
        if (c.app() != null) {
            String app = c.app().toLowerCase(Locale.ROOT);
            for (String t : terminalApps) {
                if (app.contains(t)) {
                    return true;
                }
            }
        }
        return contains(c.elementRole(), "terminal") || contains(c.elementName(), "terminal");
    }

    /** How many lines typed after this command line are secrets (0 when it prompts for none). */
    public int promptedLines(String commandLine) {
        int lines = 0;
        for (String segment : SEGMENT.split(commandLine)) {
            String[] tokens = segment.strip().split("\\s+");
            int i = 0;
            while (i < tokens.length) {
                String token = tokens[i];
                if (token.isEmpty() || ASSIGNMENT.matcher(token).matches()) {
                    i++;
                    continue;
                }
                String program = token.substring(token.lastIndexOf('/') + 1);
                String rest = String.join(" ", List.of(tokens).subList(i + 1, tokens.length));
                for (Prompt p : prompts) {
                    if (p.program().equalsIgnoreCase(program) && (p.args() == null || p.args().matcher(rest).find())) {
                        lines += p.lines();
                    }
                }
                if (!WRAPPERS.contains(program.toLowerCase(Locale.ROOT))) {
                    break; // past the command position: `echo sudo` or `man ssh` prompt for nothing
                }
                i++;
                while (i < tokens.length && tokens[i].startsWith("-")) { // the wrapper's own options
                    i += WRAPPER_OPTIONS_WITH_ARGUMENT.contains(tokens[i]) ? 2 : 1;
                }
            }
        }
        return lines;
    }

    private boolean matches(String s) {
        if (s == null || s.isEmpty() || words == null) {
            return false;
        }
        String norm = Normalizer.normalize(s, Normalizer.Form.NFKC);
        norm = SEPARATORS.matcher(CAMEL.matcher(norm).replaceAll(" ")).replaceAll(" ").toLowerCase(Locale.ROOT);
        norm = SPACES.matcher(norm).replaceAll(" ");
        return words.matcher(norm).find();
    }

    private static boolean contains(String s, String part) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(part);
    }

    private static Pattern wordPattern(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < words.size(); i++) {
            String w = Normalizer.normalize(words.get(i), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            w = SPACES.matcher(SEPARATORS.matcher(w).replaceAll(" ")).replaceAll(" ").strip();
            if (i > 0) {
                sb.append('|');
            }
            String[] parts = w.split("\\*", -1);
            for (int j = 0; j < parts.length; j++) {
                if (j > 0) {
                    sb.append("\\p{L}*");
                }
                sb.append(Pattern.quote(parts[j]));
            }
        }
        return Pattern.compile(sb.append(")(?![\\p{L}\\p{N}])").toString());
    }

    private static Prompt prompt(String line) {
        int lines = 1;
        String rest = line;
        String[] first = line.split("\\s+", 2);
        if (first[0].matches("\\d+")) {
            lines = Integer.parseInt(first[0]);
            rest = first.length > 1 ? first[1] : "";
        }
        if (lines < 1 || lines > 9) {
            throw new IllegalArgumentException("a command prompts for 1 to 9 lines");
        }
        String[] parts = rest.split("\\s+", 2);
        if (parts[0].isEmpty()) {
            throw new IllegalArgumentException("a program name is missing");
        }
        try {
            return new Prompt(lines, parts[0], parts.length > 1 ? Pattern.compile(parts[1]) : null);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression: " + parts[1]);
        }
    }

    private static long duration(String s) {
        var m = Pattern.compile("(\\d+)(ms|s)").matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("a duration like 3s or 2500ms: " + s);
        }
        long v = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? v * 1_000_000L : v * 1_000L;
    }

    private static SecretInputs loadDefault() {
        try (InputStream in = SecretInputs.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
