package dev.episodes.cli;

import dev.episodes.config.PseudonymKey;
import dev.episodes.writing.Erasure;
import dev.episodes.storage.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "erase", mixinStandardHelpOptions = true,
        description = {"Remove every step and episode of one person from all partitions of a dataset (safe to rerun).",
                "Exit code 1, and nothing changed or recorded, when no partition holds the person."})
final class EraseCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, description = "The person's directory id (user_id); it is pseudonymized "
            + "with the dataset's key and never written anywhere.")
    String userId;

    @Option(names = "--root", required = true, description = "Dataset root: a folder, or a URI (s3://bucket/prefix, "
            + "hdfs://namenode/path).")
    String root;

    // An erased person's rows must not outlive the erasure: the files it replaces go at once by default
    // (a reader still holding the older manifest then fails rather than reads them).
    @Option(names = "--retired-grace", converter = DurationConverter.class, defaultValue = "0s",
            description = "How long the replaced files (which still hold the person) stay for readers of an older "
                    + "manifest; 0s deletes them with the erasure (default: ${DEFAULT-VALUE}).")
    Duration retiredGrace;

    @Option(names = "--pseudonym-key-file", description = "The key the dataset was built with (else $"
            + PseudonymKey.ENV + "; one of them is required: the key is how the person is found).")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        boolean local = !Store.hasScheme(root);
        if (local) {
            Preflight.dataset(Path.of(root), "--root");
        }
        Store store = local ? Store.local(Path.of(root)) : Store.of(root);
        var pseudonyms = PseudonymKey.resolve(keyFile, System.getenv()).pseudonymizer();
        String pseudonym = pseudonyms.user(userId);
        Erasure.Result r;
        // No lease: an erasure commits through the protocol like every writer, so it runs beside a build or
        // the streaming job on any store (issue 14), where it used to wait for the root on local disks only.
        r = Erasure.eraseScoped(store, pseudonym, pseudonyms, retiredGrace); // under the dataset's identity scope
        if (!r.matched()) {
            System.err.printf("warning: nothing to erase: no partition built with key %s lists %s; nothing was "
                    + "changed or recorded (check --user and --pseudonym-key-file; a person already erased matches "
                    + "nothing)%n", pseudonyms.keyId(), pseudonym);
            return ExitCode.NOTHING;
        }
        int pending = Erasure.pendingShards(store);
        if (pending > 0) {
            System.err.printf("warning: %d streaming shard%s staged but not committed yet (a checkpoint completing, or "
                    + "a stopped job's pending commit): %s may hold %s and cannot be changed before then; run erase "
                    + "again after the streaming job's next completed checkpoint%n", pending, pending == 1 ? " is" : "s are",
                    pending == 1 ? "it" : "they", pseudonym);
        }
        System.out.printf("Erased %s: %,d steps, %,d episodes and %,d dead letters removed, %d files rewritten; "
                + "recorded in %s%n", pseudonym, r.stepsRemoved(), r.episodesRemoved(), r.deadLettersRemoved(),
                r.filesTouched(),
                store.uri(Erasure.RECORDS) + "/");
        return ExitCode.OK;
    }
}
