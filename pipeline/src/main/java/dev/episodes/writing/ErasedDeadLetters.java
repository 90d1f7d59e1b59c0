package dev.episodes.writing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.episodes.identity.IdentityScope;
import dev.episodes.identity.ScopedIdentity;
import dev.episodes.storage.Store;
import dev.episodes.storage.StoreEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an erasure does to {@code _private/rejected/}: the dead letters of the person go, the rest stays. */
final class ErasedDeadLetters {
    private ErasedDeadLetters() {}

    private static final Pattern DEVICE = java.util.regex.Pattern.compile("\\bd_[0-9a-f]{32}\\b");

    /**
     * The stable pseudonyms of the person's devices that dead letters naming nobody hold: a record whose
     * {@code user_id} could not be read keeps its device's. Under a stable scope the rows' device values
     * are those pseudonyms; otherwise each candidate found in such dead letters is checked with the key
     * against the device value of one of the person's episodes.
     */
    static Set<String> devicesIn(Store store, List<String[]> theirs, ScopedIdentity identity) throws IOException {
        Set<String> out = new HashSet<>();
        if (theirs.isEmpty()) {
            return out;
        }
        if (identity == null || identity.scope() == IdentityScope.STABLE) {
            theirs.forEach(t -> out.add(t[1]));
            return out;
        }
        Set<String> candidates = new HashSet<>();
        for (StoreEntry f : store.list(DatasetLayout.REJECTED)) {
            if (f.directory() || !f.name().endsWith(".jsonl") || f.name().startsWith(".")) {
                continue;
            }
            for (String line : new String(store.read(DatasetLayout.REJECTED + "/" + f.name()).orElse(new byte[0]),
                    StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !Json.MAPPER.readTree(line).hasNonNull("user")) {
                    Matcher m = DEVICE.matcher(line);
                    while (m.find()) {
                        candidates.add(m.group());
                    }
                }
            }
        }
        for (String d : candidates) {
            for (String[] t : theirs) {
                LocalDate day = LocalDate.parse(t[2].substring("dt=".length()));
                if (identity.device(d, t[0], day).equals(t[1])) {
                    out.add(d);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Drops the person's dead letters from {@code _private/rejected/}: those naming them by pseudonym
     * ({@code user}, whichever key built it), and those naming nobody that hold one of their
     * {@code devices}. A file that held any is written again without them under a new name, then the old
     * one is removed.
     */
    static long remove(Store store, String pseudonym, Set<String> devices, String token, Path work)
            throws IOException {
        long removed = 0;
        for (StoreEntry f : store.list(DatasetLayout.REJECTED)) {
            if (f.directory() || !f.name().endsWith(".jsonl") || f.name().startsWith(".")) {
                continue;
            }
            String key = DatasetLayout.REJECTED + "/" + f.name();
            List<String> kept = new ArrayList<>();
            long dropped = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(store.open(key), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode n = line.isBlank() ? null : Json.MAPPER.readTree(line);
                    JsonNode user = n == null ? null : n.get("user");
                    boolean nobody = n != null && (user == null || user.isNull());
                    // Theirs: it names them, or it names nobody and holds one of their devices.
                    if ((user != null && pseudonym.equals(user.asText()))
                            || (nobody && devices.stream().anyMatch(line::contains))) {
                        dropped++;
                    } else {
                        kept.add(line);
                    }
                }
            }
            if (dropped == 0) {
                continue;
            }
            if (!kept.isEmpty()) {
                Path local = work.resolve(UUID.randomUUID() + ".jsonl");
                Files.write(local, kept, StandardCharsets.UTF_8);
                String to = DatasetLayout.REJECTED + "/" + token + Erasure.baseName(f.name());
                store.upload(local, to);
                Files.delete(local);
                Optional<Path> dir = store.localRoot();
                if (dir.isPresent()) {
                    PrivateFiles.restrictFile(dir.get().resolve(to));
                }
            }
            store.delete(key);
            removed += dropped;
        }
        return removed;
    }
}
