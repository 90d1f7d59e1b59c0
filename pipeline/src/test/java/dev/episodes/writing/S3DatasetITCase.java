package dev.episodes.writing;

import dev.episodes.testing.S3Server;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end-to-end runs on S3 (S3Proxy in a child process), the server stopped mid-commit and restarted. */
class S3DatasetITCase extends DatasetOnStoreContract {
    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @Override
    String freshRoot() {
        return "s3://episodes/" + freshKey();
    }

    @Override
    void storeGone() throws Exception {
        S3.s3().stop();
    }

    @Override
    void storeBack() throws Exception {
        S3.s3().start();
    }
}
