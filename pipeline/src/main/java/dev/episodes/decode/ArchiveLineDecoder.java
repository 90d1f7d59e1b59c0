package dev.episodes.decode;

import dev.episodes.archive.ArchiveInputError;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.archive.ArchiveLines;
import dev.episodes.event.RawEvent;
import java.io.Serializable;
import java.util.List;

/**
 * Decodes archive lines: every dead letter says where it came from (file relative path and line number,
 * as {@link DeadLetter.FileLine}).
 * Also keeps raw ids out of manifests, which list the input files: a file whose name holds, as a whole
 * token, the user or device id of one of its events ends the run with an error (fail closed).
 */
public final class ArchiveLineDecoder implements Serializable {
    private static final long serialVersionUID = 1L;
    private final JsonEventDecoder json;
    private final List<String> names;

    /** @param names the input files' relative paths, by {@link ArchiveLine#file()} */
    public ArchiveLineDecoder(JsonEventDecoder json, List<String> names) {
        this.json = json;
        this.names = List.copyOf(names);
    }

    public DecodeResult decode(ArchiveLine line) {
        DeadLetter.Source where = new DeadLetter.FileLine(names.get(line.file()), line.number());
        DecodeResult r = switch (line.kind()) {
            case UNREADABLE -> EventBuilder.reject(RejectReason.CORRUPT_ARCHIVE,
                    "the file cannot be read from here on (" + line.error() + ")", "");
            case TOO_LONG -> EventBuilder.reject(RejectReason.LINE_TOO_LONG,
                    "longer than " + (ArchiveLines.MAX_LINE_BYTES >> 20) + " MiB, skipped", "");
            case LINE -> json.decodeLine(line.bytes());
        };
        if (r instanceof DecodeResult.Rejected rej) {
            return new DecodeResult.Rejected(rej.deadLetter().from(where));
        }
        checkName(names.get(line.file()), ((DecodeResult.Decoded) r).event());
        return r;
    }

    private static void checkName(String name, RawEvent e) {
        String kind = holdsToken(name, e.userId()) ? "user" : holdsToken(name, e.deviceId()) ? "device" : null;
        if (kind != null) {
            throw new ArchiveInputError("the input file name " + name + " holds the raw " + kind
                    + " id of its events, and manifests list input files (never a raw id): rename the files "
                    + "(e.g. by date or export number) and rerun");
        }
    }

    /** {@code id} in {@code name}, not inside a longer run of id characters (letters, digits, '-', '_'). */
    static boolean holdsToken(String name, String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int at = name.indexOf(id); at >= 0; at = name.indexOf(id, at + 1)) {
            int after = at + id.length();
            if ((at == 0 || !idChar(name.charAt(at - 1))) && (after == name.length() || !idChar(name.charAt(after)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean idChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
