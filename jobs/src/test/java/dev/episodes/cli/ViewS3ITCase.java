package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.session.Episode;
import dev.episodes.storage.Store;
import dev.episodes.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** `view` reads through the storage layer: a dataset in S3 gives the pages the same dataset gives on disk. */
class ViewS3ITCase {
    static {
        // as EpisodesCli.main does: the SDK's deprecation notice is a stack trace on first use
        System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }

    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @TempDir
    Path dir;

    private static EpisodesCliTest.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        S3.settings().keys().forEach((k, v) -> all.addAll(List.of("-D", k + "=" + v)));
        return EpisodesCliTest.run(all.toArray(String[]::new));
    }

    @Test
    void theSamePagesFromS3AsFromTheLocalDisk() throws Exception {
        Path local = dir.resolve("dataset");
        ViewDatasets data = ViewDatasets.write(local);
        String root = S3.uri("view-dataset");
        Store s3 = Store.of(root, S3.settings());
        try (Stream<Path> files = Files.walk(local)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                s3.upload(f, local.relativize(f).toString().replace('\\', '/'));
            }
        }
        for (Episode e : List.of(data.signIn(), data.missingFrame())) {
            EpisodesCliTest.Run a = run("view", local.toString(), "--episode", e.episodeId(), "--out",
                    dir.resolve("local.html").toString());
            EpisodesCliTest.Run b = run("view", root, "--episode", e.episodeId(), "--out",
                    dir.resolve("s3.html").toString());
            assertEquals(0, a.code() + b.code(), a.err() + b.err());
            assertEquals(Files.readString(dir.resolve("local.html")), Files.readString(dir.resolve("s3.html")));
        }
        EpisodesCliTest.Run a = run("view", local.toString(), "--sample", "2", "--out",
                dir.resolve("local").resolve("overview.html").toString());
        EpisodesCliTest.Run b = run("view", root, "--sample", "2", "--out",
                dir.resolve("s3").resolve("overview.html").toString());
        assertEquals(0, a.code() + b.code(), a.err() + b.err());
        String fromS3 = Files.readString(dir.resolve("s3").resolve("overview.html"));
        assertTrue(fromS3.contains(root), "it says where it read");
        assertEquals(Files.readString(dir.resolve("local").resolve("overview.html")),
                fromS3.replace(Store.of(root, S3.settings()).uri(), Store.local(local).uri()));
    }
}
