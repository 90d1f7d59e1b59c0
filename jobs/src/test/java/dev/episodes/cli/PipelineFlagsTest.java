package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Raw dead letters are off unless an operator asks for them by name. */
class PipelineFlagsTest {
    private static PipelineFlags parse(String... args) {
        PipelineFlags flags = new PipelineFlags();
        new CommandLine(flags).parseArgs(args);
        return flags;
    }

    @Test
    void rawDeadLettersOnlyWithTheFlag() {
        assertFalse(parse().config().keepRawDeadLetters());
        assertTrue(parse("--keep-raw-dead-letters").config().keepRawDeadLetters());
        assertTrue(parse("--keep-raw-dead-letters").config().describe().get("raw_dead_letters").equals(true),
                "recorded in _meta/info.json's config");
    }

    /** A new root defaults to episode scope; a root with a dataset keeps its own unless flags say otherwise. */
    @Test
    void identityAndTimeDefaultToTheRootsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DatasetRoot fresh = DatasetRoot.local(dir.resolve("new"));
        assertEquals(dev.episodes.identity.IdentityScope.EPISODE, parse().config(fresh).layout().identity());
        assertFalse(parse().config(fresh).layout().time().relative());
        java.nio.file.Path old = dir.resolve("old/_meta");
        java.nio.file.Files.createDirectories(old);
        java.nio.file.Files.writeString(old.resolve("info.json"), "{\"config\":{\"splits\":\"train=1.0\"}}");
        DatasetRoot before = DatasetRoot.local(dir.resolve("old"));
        assertEquals(dev.episodes.identity.IdentityScope.STABLE, parse().config(before).layout().identity(),
                "a dataset from before --identity is stable");
        java.nio.file.Files.writeString(old.resolve("info.json"),
                "{\"config\":{\"identity\":\"day\",\"time\":\"relative-hour\"}}");
        var kept = parse().config(before).layout();
        assertEquals(dev.episodes.identity.IdentityScope.DAY, kept.identity());
        assertTrue(kept.time().relative() && kept.time().keepHour());
        var given = parse("--identity", "episode").config(before).layout();
        assertEquals(dev.episodes.identity.IdentityScope.EPISODE, given.identity(), "given: the run refuses it later");
        assertTrue(given.time().keepHour(), "what is not given stays the root's");
    }

    @Test
    void retiredFilesAreKeptADayUnlessToldOtherwise() {
        assertEquals(Duration.ofHours(24), parse().retiredGrace);
        assertEquals(Duration.ofHours(2), parse("--retired-grace", "2h").retiredGrace);
    }

    @Test
    void partitionsAreAlignedWithinTenMinutesAndIdleAfterAMinuteUnlessToldOtherwise() {
        assertEquals(Duration.ofMinutes(10), parse().config().maxDrift());
        assertEquals(Duration.ZERO, parse("--max-drift", "0s").config().maxDrift());
        assertEquals(Duration.ofMinutes(1), parse().config().idleness());
        assertEquals(Duration.ofSeconds(3), parse("--idleness", "3s").config().idleness());
        assertFalse(parse("--max-drift", "0s").config().describe().containsKey("max_drift"),
                "how fast partitions are read is not part of what shapes the output");
    }
}
