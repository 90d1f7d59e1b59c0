package dev.episodes.decode;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveLines;
import dev.episodes.event.RawEvent;
import dev.episodes.redaction.RawIds;
import java.io.Serializable;
import java.util.List;

/**
 * Decodes archive lines: every dead letter says where it came from (file relative path and line number,
 * as {@link DeadLetter.FileLine}).
 * Also keeps raw ids out of manifests, which list the input files: a file whose name holds, as a whole
 * token, the user or device id of one of its events ends the run with an error (fail closed). The
 * names it gets have ids of the configured pattern replaced already ({@code [ID]}); this catches the rest
 * (ids the pattern does not describe), in any case, delimiter or encoding.
 */
public final class ArchiveLineDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final JsonEventDecoder json;
    private final List<String> names;
    // (file, user, device) already found clean: lines of many devices interleave in a file, and each check
    // builds a scrubber (two regexes), so remembering only the last one checked every line again.
    static final int CHECKED_MAX = 65_536;
    private final int checkedMax;
    // Exact (file index, user, device), not the file's name and the ids joined by NUL: that was a string
    // per line and its hash (4% of a replay's reader threads), and ids may hold any character, NUL too:
    // "u-1\0x" with "d-9" was the key of "u-1" with "x\0d-9" (a red team's leak: a file named after its
    // user passed once the other pair had been found clean).
    private transient java.util.Set<Triple> checked;

    private record Triple(int file, String userId, String deviceId) {}

    /** @param names the input files' relative paths, by {@link ArchiveLine#file()} */
    public ArchiveLineDecoder(JsonEventDecoder json, List<String> names) {
        this(json, names, CHECKED_MAX);
    }

    /** With another bound on what is remembered (tests reach its clears with a small one). */
    ArchiveLineDecoder(JsonEventDecoder json, List<String> names, int checkedMax) {
        this.json = json;
        this.names = List.copyOf(names);
        this.checkedMax = checkedMax;
    }

    public DecodeResult decode(ArchiveLine line) {
        DecodeResult r = switch (line.kind()) {
            case UNREADABLE -> EventBuilder.reject(RejectReason.CORRUPT_ARCHIVE,
                    "the file cannot be read from here on (" + line.error() + ")", "");
            case TOO_LONG -> EventBuilder.reject(RejectReason.LINE_TOO_LONG,
                    "longer than " + (ArchiveLines.MAX_LINE_BYTES >> 20) + " MiB, skipped", "");
            case LINE -> json.decodeLine(line.bytes());
        };
        if (r instanceof DecodeResult.Rejected rej) {
            DeadLetter.Source where = new DeadLetter.FileLine(names.get(line.file()), line.number());
            return new DecodeResult.Rejected(rej.deadLetter().from(where));
        }
        checkName(line.file(), ((DecodeResult.Decoded) r).event());
        return r;
    }

    private void checkName(int file, RawEvent e) {
        if (checked == null) {
            checked = new java.util.HashSet<>();
        }
        Triple key = new Triple(file, e.userId(), e.deviceId());
        if (checked.contains(key)) {
            return;
        }
        check(names.get(file), e);
        if (checked.size() >= checkedMax) {
            checked.clear(); // bounded: a fleet's ids come back, and checking again is only slower
        }
        checked.add(key);
    }

    private static void check(String name, RawEvent e) {
        String kind = holdsToken(name, e.userId()) ? "user" : holdsToken(name, e.deviceId()) ? "device" : null;
        if (kind != null) {
            throw new ArchiveInputError("the input file name " + name + " holds the raw " + kind
                    + " id of its events, and manifests list input files (never a raw id): rename the files "
                    + "(e.g. by date or export number) and rerun");
        }
    }

    /** {@code id} in {@code name}, not inside a longer id, in any case, delimiter or encoding ({@link RawIds}). */
    static boolean holdsToken(String name, String id) {
        return id != null && !id.isEmpty() && RawIds.mentions(name, id);
    }
}
