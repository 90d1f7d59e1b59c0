package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Dataset roots as people type them: URIs of any store stay URIs, local paths become absolute. */
class DatasetRootTest {
    @Test
    void urisStayUrisWithoutATrailingSlash() {
        DatasetRoot s3 = DatasetRoot.parse("s3://demo/episodes/");
        assertEquals("s3://demo/episodes", s3.uri());
        assertFalse(s3.isLocal());
        assertEquals("s3", s3.scheme());
        assertTrue(s3.localPath().isEmpty());
        assertEquals("hdfs://nn:8020/data/episodes", DatasetRoot.parse(" hdfs://nn:8020/data/episodes ").uri());
        assertEquals("gs://bucket", DatasetRoot.parse("gs://bucket/").uri());
        assertEquals("s3a://b/p", DatasetRoot.parse("S3A://b/p").uri(), "the scheme in lower case");
        assertEquals("s3://b/p.state", DatasetRoot.parse("s3://b/p").sibling(".state").uri());
        assertEquals("s3://b/p/dt=2026-11-30", DatasetRoot.parse("s3://b/p").resolve("dt=2026-11-30").uri());
    }

    @Test
    void localPathsAndFileUrisBecomeAbsoluteFolders() {
        Path cwd = Path.of("").toAbsolutePath();
        DatasetRoot rel = DatasetRoot.parse("out/ds");
        assertTrue(rel.isLocal());
        assertEquals(cwd.resolve("out/ds").toString(), rel.uri());
        assertEquals(cwd.resolve("out/ds"), rel.localPath().orElseThrow());
        assertEquals("/tmp/ds", DatasetRoot.parse("file:///tmp/ds/").uri());
        assertEquals("/tmp/ds", DatasetRoot.parse("/tmp/x/../ds").uri());
        assertEquals("file", DatasetRoot.parse("/tmp/ds").scheme());
        assertTrue(DatasetRoot.parse("weird:name").isLocal(), "a colon without :// is part of a file name");
    }

    @Test
    void aUriWithoutBucketOrHostIsRefusedSayingHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetRoot.parse("s3:///x"));
        assertTrue(e.getMessage().contains("names no bucket") && e.getMessage().contains("s3://bucket/path"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetRoot.parse("  "));
    }

    @Test
    void theOutFlagsTakeUris() {
        BuildSourceFlags build = new BuildSourceFlags();
        new CommandLine(build).parseArgs("--out", "s3://demo/episodes", "--input", "in");
        assertEquals("s3://demo/episodes", build.out.uri());
        StreamFlags stream = new StreamFlags();
        new CommandLine(stream).parseArgs("--out", "hdfs://nn/episodes/", "--bootstrap", "k:9092");
        assertEquals("hdfs://nn/episodes", stream.out().uri());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stream.out().pipelinePath("--out"));
        assertTrue(e.getMessage().startsWith("--out hdfs://nn/episodes"), e.getMessage());
    }

    @Test
    void aBadUriIsAOneLineUsageError() {
        EpisodesCliTest.Run r = EpisodesCliTest.run("replay", "--input", "in", "--out", "s3:///episodes");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("names no bucket"), r.err());
    }
}
