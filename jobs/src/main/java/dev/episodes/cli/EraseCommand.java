package dev.episodes.cli;

import dev.episodes.config.PseudonymKey;
import dev.episodes.writing.DatasetLease;
import dev.episodes.writing.Erasure;
import java.nio.file.Path;
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

    @Option(names = "--root", required = true, description = "Dataset root.")
    Path root;

    @Option(names = "--pseudonym-key-file", description = "The key the dataset was built with (else $"
            + PseudonymKey.ENV + "; one of them is required: the key is how the person is found).")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        Preflight.dataset(root, "--root");
        var pseudonyms = PseudonymKey.resolve(keyFile, System.getenv()).pseudonymizer();
        String pseudonym = pseudonyms.user(userId);
        Erasure.Result r;
        try (DatasetLease lease = Preflight.lease(root, "erase", System.err)) {
            r = Erasure.erase(root, pseudonym, pseudonyms.keyId());
        }
        if (!r.matched()) {
            System.err.printf("warning: nothing to erase: no partition built with key %s lists %s; nothing was "
                    + "changed or recorded (check --user and --pseudonym-key-file; a person already erased matches "
                    + "nothing)%n", pseudonyms.keyId(), pseudonym);
            return ExitCode.NOTHING;
        }
        System.out.printf("Erased %s: %,d steps, %,d episodes and %,d dead letters removed, %d files rewritten; "
                + "recorded in %s%n", pseudonym, r.stepsRemoved(), r.episodesRemoved(), r.deadLettersRemoved(),
                r.filesTouched(),
                root.resolve("_audit/erasures.jsonl"));
        return ExitCode.OK;
    }
}
