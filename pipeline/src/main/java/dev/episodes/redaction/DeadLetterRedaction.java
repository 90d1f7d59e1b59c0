package dev.episodes.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.episodes.decode.DeadLetter;
import dev.episodes.decode.RejectReason;
import dev.episodes.event.Modifiers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The written form of a dead letter (episodes.md, "Dead letters"): one JSON object with {@code reason},
 * {@code detail}, where it came from ({@code file} and {@code line}, or {@code topic}, {@code partition}
 * and {@code offset}), the person's pseudonym, and the record as far as it could be read after the same
 * redaction as steps. The record is rebuilt from an allow-list of the contract's fields, never copied:
 * key values ({@code key}, {@code code}), {@code event_id}, {@code screenshot_ref} and unknown fields are
 * dropped, ids become pseudonyms, strings go through the steps' text and URL redactors, then every raw id
 * the job knows is replaced (case-insensitively, wherever it stands), values of the wrong type are dropped,
 * and only small numbers stay (a card number or SSN fits in a JSON number too).
 *
 * <p>Withheld (only reason, detail and source): when consent is missing for the record's person, or when
 * the raw bytes hold, anywhere and in any case, the raw id of a person who revoked. The raw bytes are
 * written only when {@code keepRaw} (an operator's explicit choice; those files then hold personal data).
 * Plain Java, one per operator instance (the redactors are not thread-safe).
 */
public final class DeadLetterRedaction {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("key", "mouse", "context", "consent");
    private static final Set<String> ACTIONS = Set.of("down", "up", "move", "wheel");
    private static final Set<String> BUTTONS = Set.of("left", "right", "middle");
    private static final Set<String> STATUSES = Set.of("granted", "revoked");
    private static final List<String> NUMBERS = List.of("seq", "x", "y", "dx", "dy", "screen_w", "screen_h");
    private static final List<String> ELEMENT_NUMBERS = List.of("x", "y", "w", "h");
    /** Pixels, deltas and sequence numbers are small; longer digit runs could be a card, IBAN or SSN. */
    private static final long SMALL = 1_000_000L;
    private static final long Y2000_US = 946_684_800_000_000L;
    private static final long YEAR_MS = 366L * 24 * 3600 * 1000;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final Pseudonymizer pseudonyms;
    private final RedactionPolicy policy;
    private final List<Pattern> deniedUrls;
    private final TextRedactor text;
    private final UrlRedactor url;
    private final boolean keepRaw;

    public DeadLetterRedaction(Pseudonymizer pseudonyms, RedactionPolicy policy, boolean keepRaw) {
        this.pseudonyms = pseudonyms;
        this.policy = policy;
        this.deniedUrls = policy.deniedUrls().stream().map(Pattern::compile).toList();
        this.text = TextRedactor.standard(policy.phoneRegion());
        this.url = new UrlRedactor(text);
        this.keepRaw = keepRaw;
    }

    /**
     * @param consented whether consent admits the dead letter's person at its time
     * @param people raw user ids the job knows, each with whether that person ever revoked
     */
    public String toJson(DeadLetter dl, boolean consented, Map<String, Boolean> people) {
        String raw = rawText(dl.raw());
        boolean withheld = !consented || dl.isWithheld() || namesRevoked(raw, people);
        JsonNode parsed = withheld ? null : parse(raw);
        List<String[]> ids = ids(dl, parsed, people);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("reason", dl.reason().wire());
        o.put("detail", dl.detail());
        if (dl.source() instanceof DeadLetter.FileLine f) {
            o.put("file", string("file", f.file(), ids));
            o.put("line", f.line());
        } else if (dl.source() instanceof DeadLetter.TopicRecord t) {
            o.put("topic", t.topic());
            o.put("partition", t.partition());
            o.put("offset", t.offset());
        }
        if (dl.userId() != null) {
            o.put("user", pseudonyms.user(dl.userId()));
        }
        if (withheld) {
            o.put("withheld", "no consent");
            return o.toString();
        }
        if (parsed instanceof ObjectNode record) {
            o.set("record", record(record, dl.reason(), ids));
        }
        if (keepRaw && dl.raw() != null && !dl.raw().isEmpty()) {
            o.put("raw", dl.raw());
        }
        return o.toString();
    }

    /** The record's text: archive lines are kept as text, Kafka values and non-UTF-8 lines as base64. */
    static String rawText(String raw) {
        if (raw == null || raw.isEmpty() || raw.equals(DeadLetter.WITHHELD)) {
            return "";
        }
        if (!BASE64.matcher(raw).matches() || raw.length() % 4 != 0) {
            return raw;
        }
        try {
            return new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** Whether a revoked person's raw id appears anywhere in the record, in any case, inside anything. */
    static boolean namesRevoked(String raw, Map<String, Boolean> people) {
        if (raw.isEmpty()) {
            return false;
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Boolean> p : people.entrySet()) {
            if (p.getValue() && !p.getKey().isEmpty() && lower.contains(p.getKey().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '{') {
            return null;
        }
        try {
            return MAPPER.readTree(raw);
        } catch (Exception e) { // unparseable: nothing of it could be read
            return null;
        }
    }

    /** Raw ids to replace, longest first: the record's own, the dead letter's person, everybody known. */
    private List<String[]> ids(DeadLetter dl, JsonNode parsed, Map<String, Boolean> people) {
        List<String[]> ids = new ArrayList<>();
        if (dl.userId() != null) {
            ids.add(new String[] {dl.userId(), pseudonyms.user(dl.userId())});
        }
        if (parsed instanceof ObjectNode r) {
            if (r.path("user_id").isTextual() && !r.get("user_id").asText().isEmpty()) {
                ids.add(new String[] {r.get("user_id").asText(), pseudonyms.user(r.get("user_id").asText())});
            }
            if (r.path("device_id").isTextual() && !r.get("device_id").asText().isEmpty()) {
                ids.add(new String[] {r.get("device_id").asText(), pseudonyms.device(r.get("device_id").asText())});
            }
        }
        for (String person : people.keySet()) {
            if (!person.isEmpty()) {
                ids.add(new String[] {person, pseudonyms.user(person)});
            }
        }
        ids.sort(Comparator.comparingInt((String[] p) -> p[0].length()).reversed());
        return ids;
    }

    private ObjectNode record(ObjectNode in, RejectReason reason, List<String[]> ids) {
        ObjectNode out = MAPPER.createObjectNode();
        vocabulary(in, out, "kind", KINDS);
        if (in.path("user_id").isTextual()) {
            out.put("user", pseudonyms.user(in.get("user_id").asText()));
        }
        if (in.path("device_id").isTextual() && !in.get("device_id").asText().isEmpty()) {
            out.put("device", pseudonyms.device(in.get("device_id").asText()));
        }
        // A timestamp out of bounds is exactly what a long digit string planted there would be: only a
        // plausible time stays (whatever else was wrong with the record).
        if (in.path("ts_us").isIntegralNumber() && reason != RejectReason.TS_BEFORE_2000
                && reason != RejectReason.TS_IN_FUTURE && in.get("ts_us").canConvertToLong()
                && plausible(in.get("ts_us").asLong())) {
            out.put("ts_us", in.get("ts_us").asLong());
        }
        for (String n : NUMBERS) {
            small(in, out, n);
        }
        vocabulary(in, out, "action", ACTIONS);
        vocabulary(in, out, "button", BUTTONS);
        vocabulary(in, out, "status", STATUSES);
        if (in.path("modifiers").isArray()) {
            ArrayNode mods = out.putArray("modifiers");
            for (JsonNode m : in.get("modifiers")) {
                if (m.isTextual() && Modifiers.bitOf(m.asText()) > 0) {
                    mods.add(m.asText());
                }
            }
        }
        String app = in.path("app").isTextual() ? in.get("app").asText() : null;
        String u = in.path("url").isTextual() ? in.get("url").asText() : null;
        if (app != null || u != null) {
            if (policy.denial(app, u, deniedUrls) != null) {
                out.put("denied", true); // as steps: nothing of a denied app or URL
                return out;
            }
        }
        put(out, "app", app, ids);
        put(out, "window_title", in.path("window_title").isTextual() ? in.get("window_title").asText() : null, ids);
        if (u != null) {
            out.put("url", replaceIds(url.redact(u).text(), ids));
        }
        if (in.path("element").isObject()) {
            JsonNode e = in.get("element");
            ObjectNode el = out.putObject("element");
            put(el, "role", e.path("role").isTextual() ? e.get("role").asText() : null, ids);
            put(el, "name", e.path("name").isTextual() ? e.get("name").asText() : null, ids);
            if (e.path("secure").isBoolean()) {
                el.put("secure", e.get("secure").asBoolean());
            }
            for (String n : ELEMENT_NUMBERS) {
                small(e, el, n);
            }
        }
        int dropped = 0;
        for (Iterator<String> names = in.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!out.has(n) && !n.equals("user_id") && !n.equals("device_id")) {
                dropped++;
            }
        }
        if (dropped > 0) {
            out.put("fields_dropped", dropped);
        }
        return out;
    }

    private static boolean plausible(long tsUs) {
        return tsUs >= Y2000_US && tsUs <= (System.currentTimeMillis() + YEAR_MS) * 1000L;
    }

    private void put(ObjectNode out, String field, String value, List<String[]> ids) {
        if (value != null) {
            out.put(field, string(field, value, ids));
        }
    }

    private String string(String field, String value, List<String[]> ids) {
        // As steps do: redact first, then ids become pseudonyms (a pseudonym is 32 hex digits, which the
        // secret detectors would take for a token if they saw it).
        return replaceIds(text.redact(field, value).text(), ids);
    }

    private static void vocabulary(JsonNode in, ObjectNode out, String field, Set<String> allowed) {
        if (in.path(field).isTextual() && allowed.contains(in.get(field).asText())) {
            out.put(field, in.get(field).asText());
        }
    }

    private static void small(JsonNode in, ObjectNode out, String field) {
        JsonNode v = in.path(field);
        if (v.isIntegralNumber() && v.canConvertToLong() && Math.abs(v.asLong()) < SMALL) {
            out.put(field, v.asLong());
        }
    }

    /** Every raw id replaced by its pseudonym, in any case and wherever it stands ({@code u-1042-d-7} too). */
    static String replaceIds(String s, List<String[]> ids) {
        String out = s;
        for (String[] id : ids) {
            out = replaceIgnoringCase(out, id[0], id[1]);
        }
        return out;
    }

    private static String replaceIgnoringCase(String s, String raw, String pseudonym) {
        if (raw.isEmpty() || s.length() < raw.length()) {
            return s;
        }
        StringBuilder sb = null;
        int copied = 0;
        for (int at = 0; at + raw.length() <= s.length(); ) {
            if (s.regionMatches(true, at, raw, 0, raw.length())) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 32);
                }
                sb.append(s, copied, at).append(pseudonym);
                at += raw.length();
                copied = at;
            } else {
                at++;
            }
        }
        return sb == null ? s : sb.append(s, copied, s.length()).toString();
    }
}
