package dev.episodes.storage.embedded; // beside OneRequestAtATime, whose constructor is package-private

import java.util.concurrent.CountDownLatch;

/**
 * deploy/local's S3 front, run from the CLI jar's classes: the project's one-request-at-a-time front
 * ({@link OneRequestAtATime}, what the demo and the tests put before S3Proxy) as a process of its own, on
 * the port clients use, passing requests to S3Proxy on its own port. Without it two writers racing for
 * one manifest version both win on S3Proxy (a check, then a write) and one commit is lost.
 *
 *   java -cp S3FRONT_CLASSES:episodes.jar dev.episodes.storage.embedded.S3Front FRONT_PORT S3PROXY_PORT
 */
public final class S3Front {
    private S3Front() {}

    public static void main(String[] args) throws Exception {
        OneRequestAtATime front = new OneRequestAtATime(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        front.start();
        new CountDownLatch(1).await(); // its threads are daemons: serve until the process is stopped
    }
}
