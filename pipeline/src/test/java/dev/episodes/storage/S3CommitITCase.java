package dev.episodes.storage;

import dev.episodes.testing.S3Server;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The commit protocol on S3 (S3Proxy in a child process), with the server stopped mid-commit. */
class S3CommitITCase extends CommitContract {
    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @Override
    Store freshStore() throws Exception {
        return Store.of("s3://episodes/" + StoreContract.freshKey(), S3.settings());
    }

    @Override
    void stopStore() throws Exception {
        S3.s3().stop();
    }

    @Override
    void startStore() throws Exception {
        long t0 = System.nanoTime();
        S3.s3().start();
        System.out.printf("S3Proxy restarted in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }
}
