package dev.episodes.testing;

import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a generated corpus to a file for integration tests. */
public final class Corpus {
    private Corpus() {}

    public static CorpusFacts write(Path file, GeneratorSettings settings) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return ActivityGenerator.write(settings, w);
        }
    }
}
