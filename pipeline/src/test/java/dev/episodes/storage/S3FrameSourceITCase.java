package dev.episodes.storage;

import dev.episodes.testing.S3Server;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Screenshots on S3 (S3Proxy in a child process) through Flink's S3 file system. */
class S3FrameSourceITCase extends FrameSourceContract {
    @RegisterExtension
    static final S3Server S3 = new S3Server("shots");

    @Override
    Store freshStore() throws Exception {
        return Store.of("s3://shots/" + freshKey(), S3.settings());
    }
}
