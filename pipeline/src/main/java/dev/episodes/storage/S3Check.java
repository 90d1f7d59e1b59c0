package dev.episodes.storage;

import dev.episodes.storage.StoreCheck.StoreUnavailable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 part of {@link StoreCheck}: one HeadBucket with the SDK, errors named after the setting to fix. */
final class S3Check {
    private S3Check() {}

    static void reachable(Store store, StoreSettings settings) throws StoreUnavailable {
        S3Primitives.Location at = S3Primitives.Location.of(store.path(""));
        S3Primitives.Target target = S3Primitives.Target.of(settings);
        try (S3Client client = S3Primitives.probeClient(settings)) {
            client.headBucket(b -> b.bucket(at.bucket()));
        } catch (S3Exception e) {
            throw new StoreUnavailable(refused(e, at.bucket(), target), e);
        } catch (SdkClientException e) {
            throw new StoreUnavailable(unreachable(e, target), e);
        } catch (SdkException e) {
            throw new StoreUnavailable("S3 at " + target.shown() + " failed: " + e.getMessage(), e);
        }
        try {
            store.exists("_meta");
        } catch (IOException e) {
            throw new StoreUnavailable("the bucket answers, but Flink's S3 file system cannot read " + store.uri()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String refused(S3Exception e, String bucket, S3Primitives.Target target) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if (status == 404 || "NoSuchBucket".equals(code)) {
            return "bucket " + bucket + " does not exist at " + target.shown() + " (create it, or fix --out)";
        }
        if (status == 403 || status == 401 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
                || "AccessDenied".equals(code)) {
            return "S3 refused the credentials" + (target.accessKey() == null ? "" : " of access key "
                    + target.accessKey()) + " for bucket " + bucket + " at " + target.shown()
                    + ": set s3.access-key and s3.secret-key (or the AWS default chain: AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, a profile, an instance or pod role)";
        }
        if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
            return "bucket " + bucket + " is in another region than s3.region=" + target.region()
                    + ": set s3.region to the bucket's region";
        }
        return "S3 at s3.endpoint=" + target.shown() + " answered " + status + (code == null ? "" : " " + code)
                + " for bucket " + bucket;
    }

    private static String unreachable(SdkClientException e, S3Primitives.Target target) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return "cannot reach s3.endpoint=" + target.shown() + " (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("credentials")) {
            return "no S3 credentials: set s3.access-key and s3.secret-key (or the AWS default chain: "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance or pod role)";
        }
        return "cannot reach s3.endpoint=" + target.shown() + " (" + m + ")";
    }
}
