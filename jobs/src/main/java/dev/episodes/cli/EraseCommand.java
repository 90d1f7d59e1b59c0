package dev.episodes.cli;

import dev.episodes.config.PseudonymKey;
import dev.episodes.writing.Erasure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "erase", mixinStandardHelpOptions = true,
        description = "Remove every step and episode of one person from all partitions of a dataset (safe to rerun).")
final class EraseCommand implements Callable<Integer> {
    @Option(names = "--user", required = true, description = "The person's directory id (user_id); it is pseudonymized "
            + "with the dataset's key and never written anywhere.")
    String userId;

    @Option(names = "--root", required = true, description = "Dataset root.")
    Path root;

    @Option(names = "--pseudonym-key-file", description = "The key the dataset was built with (else $"
            + PseudonymKey.ENV + ", else the development key).")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--root is not a dataset folder: " + root);
        }
        var pseudonyms = PseudonymKey.resolve(keyFile, System.getenv()).pseudonymizer();
        String pseudonym = pseudonyms.user(userId);
        Erasure.Result r = Erasure.erase(root, pseudonym, pseudonyms.keyId());
        System.out.printf("Erased %s: %,d steps and %,d episodes removed, %d files rewritten; recorded in %s%n",
                pseudonym, r.stepsRemoved(), r.episodesRemoved(), r.filesTouched(),
                root.resolve("_audit/erasures.jsonl"));
        return 0;
    }
}
