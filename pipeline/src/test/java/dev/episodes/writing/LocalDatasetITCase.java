package dev.episodes.writing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** The end-to-end runs on a second local folder (Flink's local file system through a root path string). */
class LocalDatasetITCase extends DatasetOnStoreContract {
    static Path roots;

    @BeforeAll
    static void folder() throws IOException {
        roots = Files.createTempDirectory("local-datasets");
    }

    @Override
    String freshRoot() {
        return roots.resolve(freshKey()).toString();
    }

    /** A local disk cannot be stopped: the commit fails in the middle instead (a writer crashing there). */
    @Override
    void storeGone() throws IOException {
        throw new IOException("the store went away (simulated)");
    }

    @Override
    void storeBack() {}
}
