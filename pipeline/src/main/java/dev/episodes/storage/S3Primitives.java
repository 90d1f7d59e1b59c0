package dev.episodes.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 and S3-compatible stores: a conditional PUT ({@code If-None-Match: *}) is the exclusive create, a
 * plain PUT of a small object replaces it whole. Flink's S3 file system has no conditional write, so
 * these two go through an S3 client configured from Flink's own {@code s3.*} keys.
 */
public final class S3Primitives implements Primitives {
    /** Clients per endpoint and credentials: each holds a connection pool, so they are shared. */
    private static final Map<Target, S3Client> CLIENTS = new ConcurrentHashMap<>();
    /** 409 ConditionalRequestConflict: another conditional write of the key is in flight; it settles fast. */
    private static final int CONFLICT_RETRIES = 20;

    private final StoreSettings settings;

    public S3Primitives(StoreSettings settings) {
        this.settings = settings;
    }

    StoreSettings settings() {
        return settings;
    }

    @Override
    public boolean createExclusive(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Location at = Location.of(target);
        PutObjectRequest put = PutObjectRequest.builder().bucket(at.bucket()).key(at.key()).ifNoneMatch("*").build();
        for (int attempt = 1; ; attempt++) {
            try {
                client().putObject(put, RequestBody.fromBytes(bytes));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return false;
                }
                if (e.statusCode() == 409 && attempt < CONFLICT_RETRIES) {
                    pause(attempt);
                    continue;
                }
                throw failure("create " + target, e);
            } catch (SdkException e) {
                throw failure("create " + target, e);
            }
        }
    }

    @Override
    public void replace(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Location at = Location.of(target);
        try {
            client().putObject(PutObjectRequest.builder().bucket(at.bucket()).key(at.key()).build(),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("replace " + target, e);
        }
    }

    @Override
    public boolean visibleWhileWriting() {
        return false;
    }

    private IOException failure(String what, SdkException e) {
        String endpoint = settings.get("s3.endpoint", "AWS S3");
        String detail = e instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.statusCode() + " " + s3.awsErrorDetails().errorCode() + ": " + s3.awsErrorDetails().errorMessage()
                : e.getMessage();
        return new IOException("S3 could not " + what + " at " + endpoint + ": " + detail, e);
    }

    private static void pause(int attempt) throws InterruptedIOException {
        LockSupport.parkNanos(Duration.ofMillis(ThreadLocalRandom.current().nextLong(5, 20L * attempt)).toNanos());
        if (Thread.interrupted()) {
            throw new InterruptedIOException("interrupted while retrying a conditional write");
        }
    }

    private S3Client client() {
        return CLIENTS.computeIfAbsent(Target.of(settings), t -> t.build(Duration.ofSeconds(10), Duration.ofSeconds(60), 3));
    }

    /** A bucket and key from an {@code s3://bucket/key} (or {@code s3a://}) path. */
    record Location(String bucket, String key) {
        static Location of(Path path) {
            URI u = path.toUri();
            String bucket = u.getAuthority();
            String key = u.getPath() == null ? "" : u.getPath();
            while (key.startsWith("/")) {
                key = key.substring(1);
            }
            if (bucket == null || bucket.isEmpty()) {
                throw new IllegalArgumentException("no bucket in " + path + " (expected s3://bucket/prefix)");
            }
            return new Location(bucket, key);
        }
    }

    /**
     * Where and as whom an S3 client talks, from Flink's keys ({@code s3.endpoint}, {@code s3.path.style.access},
     * {@code s3.access-key}, {@code s3.secret-key}; Hadoop's {@code fs.s3a.*} spellings are accepted too).
     * No keys: AWS itself with the default credential chain (environment, profile, instance or pod role).
     */
    record Target(String endpoint, boolean pathStyle, String accessKey, String secretKey, String region) {
        static Target of(StoreSettings s) {
            String endpoint = first(s, "s3.endpoint", "fs.s3a.endpoint");
            if (endpoint != null && !endpoint.contains("://")) {
                endpoint = "http://" + endpoint;
            }
            String style = first(s, "s3.path.style.access", "fs.s3a.path.style.access");
            return new Target(endpoint, style != null && Boolean.parseBoolean(style.strip()),
                    first(s, "s3.access-key", "s3.access.key", "fs.s3a.access.key"),
                    first(s, "s3.secret-key", "s3.secret.key", "fs.s3a.secret.key"),
                    first(s, "s3.region", "fs.s3a.endpoint.region"));
        }

        private static String first(StoreSettings s, String... keys) {
            for (String k : keys) {
                String v = s.get(k);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
            return null;
        }

        S3Client build(Duration connectTimeout, Duration socketTimeout, int maxAttempts) {
            AwsCredentialsProvider credentials = accessKey != null && secretKey != null
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                    : DefaultCredentialsProvider.builder().build();
            var b = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(connectTimeout).socketTimeout(socketTimeout))
                    .credentialsProvider(credentials)
                    .region(Region.of(region == null ? "us-east-1" : region.toLowerCase(Locale.ROOT)))
                    .forcePathStyle(pathStyle)
                    // S3-compatible servers (S3Proxy, older MinIO) do not implement flexible checksums.
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(maxAttempts)));
            if (endpoint != null) {
                b.endpointOverride(URI.create(endpoint));
            } else {
                b.crossRegionAccessEnabled(true); // AWS itself: a bucket in another region is found
            }
            return b.build();
        }

        @Override
        public String toString() {
            return "Target[" + shown() + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + "]";
        }

        /** The endpoint for messages, as the user set it. */
        String shown() {
            return endpoint == null ? "AWS S3 (s3.endpoint not set)" : endpoint;
        }
    }

    /** A client with short timeouts and few retries, for checks before a run (see {@link StoreCheck}). */
    static S3Client probeClient(StoreSettings settings) {
        return Target.of(settings).build(Duration.ofSeconds(5), Duration.ofSeconds(10), 2);
    }
}
