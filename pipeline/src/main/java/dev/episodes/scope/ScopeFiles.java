package dev.episodes.scope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a scope policy: a JSON file (format in {@code deploy/scope/README.md}), or the one-line allow
 * list of {@code --scope-allow}. Errors name what is wrong and where: {@link IllegalArgumentException}.
 */
public final class ScopeFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "allow", "deny", "builtin_deny",
            "mask_regions");
    private static final Set<String> RULE = Set.of("app", "title", "host", "url", "note");
    private static final Set<String> REGION = Set.of("name", "app", "anchor", "x", "y", "w", "h", "note");

    private ScopeFiles() {}

    public static ScopePolicy load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String fallback = file.getFileName().toString().replaceFirst("\\.json$", "");
        try {
            return parse(bytes, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** A policy from the bytes of a policy file; {@code fallbackName} when it has no {@code name}. */
    public static ScopePolicy parse(byte[] bytes, String fallbackName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scope policy is a JSON object");
        }
        known(root, TOP, "the policy");
        String name = root.hasNonNull("name") ? text(root.get("name"), "name") : fallbackName;
        boolean builtin = !root.has("builtin_deny") || bool(root.get("builtin_deny"), "builtin_deny");
        return new ScopePolicy(name, sha256(bytes), rules(root.get("allow"), "allow"), rules(root.get("deny"), "deny"),
                builtin, regions(root.get("mask_regions")));
    }

    /**
     * The one-line allow list: entries separated by commas, each {@code APP} or {@code APP:HOST} (globs;
     * {@code *:HOST} is any app on that host), e.g. {@code Slack,Microsoft Teams,Google Chrome:*.example.com}.
     * The built-in deny families stay in force.
     */
    public static ScopePolicy allowList(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("--scope-allow is empty: give APP or APP:HOST entries, comma-separated");
        }
        List<ScopeRule> allow = new ArrayList<>();
        for (String raw : line.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            String app = colon < 0 ? entry : entry.substring(0, colon).strip();
            String host = colon < 0 ? null : entry.substring(colon + 1).strip();
            if (app.isEmpty() || (host != null && host.isEmpty())) {
                throw new IllegalArgumentException("--scope-allow entry '" + entry + "' must be APP or APP:HOST");
            }
            allow.add(new ScopeRule(app.equals("*") ? List.of() : ScopeRule.patterns(app), List.of(),
                    host == null ? List.of() : ScopeRule.patterns(host), List.of()));
        }
        if (allow.isEmpty()) {
            throw new IllegalArgumentException("--scope-allow has no entry");
        }
        return new ScopePolicy("allow-list", sha256(line.strip().getBytes(StandardCharsets.UTF_8)), allow, List.of(),
                true, List.of());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ScopeRule> rules(JsonNode node, String where) {
        List<ScopeRule> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'" + where + "' must be a list of rules");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = where + "[" + i + "]";
            if (!r.isObject()) {
                throw new IllegalArgumentException(at + " must be an object with app, title, host or url");
            }
            known(r, RULE, at);
            try {
                out.add(new ScopeRule(patterns(r.get("app"), at + ".app"), patterns(r.get("title"), at + ".title"),
                        patterns(r.get("host"), at + ".host"), patterns(r.get("url"), at + ".url")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** A pattern or a list of them (any matches). */
    private static List<ScopePattern> patterns(JsonNode node, String where) {
        List<ScopePattern> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                out.add(new ScopePattern(text(n, where)));
            }
        } else {
            out.add(new ScopePattern(text(node, where)));
        }
        return out;
    }

    private static List<MaskRegion> regions(JsonNode node) {
        List<MaskRegion> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("'mask_regions' must be a list");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String at = "mask_regions[" + i + "]";
            if (!r.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            known(r, REGION, at);
            try {
                out.add(new MaskRegion(r.hasNonNull("name") ? text(r.get("name"), at + ".name") : null,
                        r.hasNonNull("app") ? new ScopePattern(text(r.get("app"), at + ".app")) : null,
                        r.hasNonNull("anchor") ? MaskRegion.Anchor.parse(text(r.get("anchor"), at + ".anchor")) : null,
                        integer(r, "x", at), integer(r, "y", at), integer(r, "w", at), integer(r, "h", at)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static void known(JsonNode o, Set<String> fields, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(where + " has an unknown field '" + f + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
            }
        }
    }

    private static String text(JsonNode n, String where) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException(where + " must be a string");
        }
        return n.asText();
    }

    private static boolean bool(JsonNode n, String where) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException(where + " must be true or false");
        }
        return n.asBoolean();
    }

    private static int integer(JsonNode o, String field, String where) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return n.asInt();
    }
}
