package dev.episodes.storage;

import dev.episodes.testing.S3Server;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on S3: S3Proxy in a child process, Flink's S3 file system and the SDK's conditional PUT. */
class S3StoreContractITCase extends StoreContract {
    @RegisterExtension
    static final S3Server S3 = new S3Server("episodes");

    @Override
    Store freshStore() throws Exception {
        return Store.of("s3://episodes/" + freshKey(), S3.settings());
    }

    @Override
    int replacements() {
        return 30;
    }
}
