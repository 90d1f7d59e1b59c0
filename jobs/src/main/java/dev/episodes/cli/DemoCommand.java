package dev.episodes.cli;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.config.StateSettings;
import dev.episodes.flink.runs.RunSummary;
import dev.episodes.generate.CorpusFacts;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.writing.DatasetCommitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Simulate a few people, publish them to a real Kafka broker started here, stream them "
                + "through the pipeline on an embedded Flink cluster, and show the dataset. A rerun first "
                + "clears what the previous demo left in its folder, so it gives the same dataset; the demo's random "
                + "pseudonym key (pseudonym.key in the folder, unless --pseudonym-key-file) is made once and kept.")
final class DemoCommand implements Callable<Integer> {
    /**
     * What a demo makes in its folder. The folder is the demo's own: a rerun deletes these first (a
     * second stream of the same people into the old dataset would add every episode again, and the
     * old checkpoints belong to a broker that is gone), and a folder holding anything else is refused.
     */
    static final List<String> MADE = List.of("input", "dataset", "dataset.state", "kafka", "s3", "hdfs");
    /** The bucket and prefix of {@code --store s3}. */
    static final String S3_BUCKET = "demo";
    static final String S3_ROOT = "s3://" + S3_BUCKET + "/episodes";
    /**
     * The demo's own pseudonym key, made once and kept (not cleared): a rerun must give the same dataset,
     * so the same pseudonyms. There is no built-in key; one in the code would be public.
     */
    static final String KEY_FILE = "pseudonym.key";

    @Option(names = "--dir", defaultValue = "demo-out",
            description = "The demo's own folder for input, dataset and state; a rerun replaces them (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--people", defaultValue = "4", description = "Simulated people (default: ${DEFAULT-VALUE}).")
    int people;

    @Option(names = "--minutes", defaultValue = "15", description = "Minutes of activity each (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--no-frames", description = "Generate no screenshots and make no frames (the demo paints a "
            + "screenshot per context event and turns --frames on).")
    boolean noFrames;

    @Option(names = "--file-replay", description = "Replay the generated file instead of streaming through Kafka.")
    boolean fileReplay;

    @Option(names = "--store", defaultValue = "local", paramLabel = "local|s3|hdfs",
            description = "Where the dataset goes: local (the folder's dataset/) or s3 (an S3 server started here, "
                    + "S3Proxy, bucket '" + S3_BUCKET + "': " + S3_ROOT + "; its objects stay readable as plain files "
                    + "under the folder's s3/) or hdfs (an HDFS started here, MiniDFSCluster; the dataset is copied "
                    + "out to the folder's dataset/ afterwards) (default: ${DEFAULT-VALUE}).")
    String store;

    @Mixin
    PipelineFlags flags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StoreKind kind = StoreKind.parse(store);
        List<String> foreign = foreign(dir);
        if (!foreign.isEmpty()) {
            spec.commandLine().getErr().println("error: --dir " + dir + " holds " + String.join(", ", foreign)
                    + ", which no demo made; the demo replaces its folder's content, so give it a new or empty "
                    + "folder (or the one an earlier demo used)");
            return 2;
        }
        if (flags.pseudonymKeyFile == null) { // --pseudonym-key-file given: the demo uses that one instead
            boolean made = !Files.exists(dir.resolve(KEY_FILE), LinkOption.NOFOLLOW_LINKS);
            flags.pseudonymKeyFile = ownKey(dir);
            System.err.println("Pseudonym key: " + flags.pseudonymKeyFile.toAbsolutePath() + (made
                    ? " (32 random bytes made for this demo, mode 0600; reruns reuse it)"
                    : " (this demo's own, reused: the same people get the same pseudonyms)"));
        }
        if (clearPrevious(dir)) {
            System.err.println("Cleared the previous demo in " + dir.toAbsolutePath()
                    + " (input, dataset, streaming state): every demo starts from nothing.");
        }
        Path input = dir.resolve("input").resolve("activity.jsonl.gz");
        GeneratorSettings generated = GeneratorSettings.of(people, Duration.ofMinutes(minutes), 7).withMalformedRate(0.001);
        if (!noFrames) { // unmasked screenshots stay under input/, outside the dataset
            generated = generated.withScreenshots(dir.resolve("input").resolve("screens").toAbsolutePath());
            flags.frames = true;
        }
        CorpusFacts facts = GenerateCommand.generate(input, generated);
        System.err.printf("Generated %,d lines of activity for %d people on %d devices: %s%n", facts.lines(),
                facts.userIds().size(), facts.deviceIds().size(), input.toAbsolutePath());
        if (kind == StoreKind.S3) {
            return intoS3(input);
        }
        if (kind == StoreKind.HDFS) {
            return intoHdfs(input);
        }
        Path dataset = dir.resolve("dataset");
        RunSummary summary = run(input, DatasetRoot.local(dataset));
        System.out.println();
        System.out.println("Shards: " + dataset.toAbsolutePath().resolve("dt=*/steps/*.parquet"));
        System.out.println("Key:    " + flags.pseudonymKeyFile.toAbsolutePath() + " (the pseudonym key; "
                + "./episodes erase needs it)");
        System.out.println("Try:    duckdb -c \"select action, count(*) from read_parquet('"
                + dataset.toAbsolutePath() + "/dt=*/steps/*.parquet') group by 1 order by 2 desc\"");
        return summary.accountedFor() ? 0 : 3;
    }

    /** Where {@code --store} puts the dataset. */
    enum StoreKind {
        LOCAL, S3, HDFS;

        static StoreKind parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "local" -> LOCAL;
                case "s3" -> S3;
                case "hdfs" -> HDFS;
                default -> throw new IllegalArgumentException("--store must be local, s3 or hdfs, got '" + s + "'");
            };
        }
    }

    private RunSummary run(Path input, DatasetRoot dataset) throws Exception {
        return fileReplay ? ReplayCommand.replay(input, dataset, flags) : streamThroughKafka(input, dataset);
    }

    /**
     * The demo into an S3 server of its own (S3Proxy, a child process): the bucket is made, the run's Flink
     * settings point at it, and the dataset is read back the way any S3 dataset is. The server stops with
     * the demo; its objects stay as plain files under {@code dir/s3/data/}.
     */
    private Integer intoS3(Path input) throws Exception {
        System.err.println("Starting an S3 server (S3Proxy) on 127.0.0.1...");
        RunSummary summary;
        String endpoint;
        String accessKey;
        try (dev.episodes.storage.embedded.LocalS3 s3 = dev.episodes.storage.embedded.LocalS3.start(dir.resolve("s3"))) {
            s3.createBucket(S3_BUCKET);
            endpoint = s3.endpoint();
            accessKey = s3.accessKey();
            dev.episodes.storage.StoreSettings settings = dev.episodes.storage.StoreSettings.current();
            for (var e : s3.settings().keys().entrySet()) {
                settings = settings.with(e.getKey(), e.getValue());
            }
            // S3A's clean-up of fake parent folders (a multi-object delete) does not come back from S3Proxy.
            EpisodesCli.applySettings(settings.with("fs.s3a.directory.marker.retention", "keep"));
            System.err.println("S3 at " + endpoint + ", bucket " + S3_BUCKET + ": writing " + S3_ROOT);
            summary = run(input, DatasetRoot.parse(S3_ROOT));
        }
        Path objects = dir.resolve("s3").resolve("data").resolve(S3_BUCKET).resolve("episodes").toAbsolutePath();
        System.out.println();
        System.out.println("Dataset: " + S3_ROOT + " (the S3 server at " + endpoint + " is stopped; its objects stay "
                + "as plain files)");
        System.out.println("Files:   " + objects.resolve("dt=*/steps/*.parquet"));
        System.out.println("Key:     " + flags.pseudonymKeyFile.toAbsolutePath() + " (the pseudonym key; "
                + "./episodes erase needs it)");
        System.out.println("Try:     duckdb -c \"select action, count(*) from read_parquet('" + objects
                + "/dt=*/steps/*.parquet') group by 1 order by 2 desc\"");
        System.out.println("S3:      a server on the same folder serves them again (access key " + accessKey
                + ", its secret in " + dir.resolve("s3").resolve("s3proxy.properties").toAbsolutePath() + ")");
        return summary.accountedFor() ? 0 : 3;
    }

    /**
     * The demo into an HDFS of its own (Hadoop's MiniDFSCluster, a child process): the dataset is written
     * to and read back from hdfs://, then copied out to the folder's dataset/ so it stays readable after
     * the embedded HDFS stops (its blocks stay under hdfs/, and one started on that folder serves them).
     */
    private Integer intoHdfs(Path input) throws Exception {
        System.err.println("Starting an HDFS (MiniDFSCluster) on 127.0.0.1...");
        RunSummary summary;
        String root;
        Path copy = dir.resolve("dataset");
        try (dev.episodes.storage.embedded.LocalHdfsProcess hdfs = dev.episodes.storage.embedded.LocalHdfsProcess
                .start(dir.resolve("hdfs"), dev.episodes.storage.embedded.LocalHdfsProcess.findJars())) {
            root = hdfs.uri() + "/episodes";
            System.err.println("HDFS at " + hdfs.uri() + ": writing " + root);
            summary = run(input, DatasetRoot.parse(root));
            copyOut(dev.episodes.storage.Store.of(root), "", copy);
        }
        System.out.println();
        System.out.println("Dataset: " + root + " (the embedded HDFS is stopped; its data is under "
                + dir.resolve("hdfs").toAbsolutePath() + ")");
        System.out.println("Copy:    " + copy.toAbsolutePath() + " (every file of the dataset, copied out of HDFS)");
        System.out.println("Key:     " + flags.pseudonymKeyFile.toAbsolutePath() + " (the pseudonym key; "
                + "./episodes erase needs it)");
        System.out.println("Try:     ./episodes inspect " + copy.toAbsolutePath());
        return summary.accountedFor() ? 0 : 3;
    }

    /** Copies every file under {@code key} of a store into a local folder. */
    private static void copyOut(dev.episodes.storage.Store store, String key, Path to) throws IOException {
        for (var e : store.list(key)) {
            String child = key.isEmpty() ? e.name() : key + "/" + e.name();
            if (e.directory()) {
                copyOut(store, child, to.resolve(e.name()));
            } else {
                Files.createDirectories(to);
                try (var in = store.open(child)) {
                    Files.copy(in, to.resolve(e.name()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Entries of the folder the demo would not have made (hidden files aside); a file instead of a folder. */
    static List<String> foreign(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of("a file, not a folder");
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && !MADE.contains(name) && !name.equals(KEY_FILE)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /**
     * The demo's key file in {@code dir}: 32 bytes from {@link SecureRandom}, mode 0600, written under a
     * hidden name and moved into place, so a demo killed half way never leaves a short key behind. An
     * existing one is kept as it is.
     */
    static Path ownKey(Path dir) throws IOException {
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(key, LinkOption.NOFOLLOW_LINKS)) {
            return key;
        }
        Files.createDirectories(dir);
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path tmp = Files.createTempFile(dir, "." + KEY_FILE + "-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    /** Deletes what an earlier demo made in the folder (never its key); true if there was anything. */
    static boolean clearPrevious(Path dir) throws IOException {
        boolean any = false;
        for (String name : MADE) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                DatasetCommitter.deleteRecursively(p);
                any = true;
            }
        }
        return any;
    }

    private RunSummary streamThroughKafka(Path input, DatasetRoot dataset) throws Exception {
        Path brokerDir = dir.resolve("kafka");
        DatasetCommitter.deleteRecursively(brokerDir);
        System.err.println("Starting a single-node Kafka broker (KRaft) on 127.0.0.1...");
        try (LocalKafka kafka = LocalKafka.start(brokerDir, System.getProperty("java.class.path"))) {
            KafkaSettings settings = KafkaSettings.defaults(kafka.bootstrap()).withStartingOffsets("earliest")
                    .withCheckpointInterval(Duration.ofSeconds(2)).bounded(true);
            var published = ActivityPublisher.publish(input, settings, Encoding.MIXED);
            System.err.printf("Published %,d records to %s (%,d JSON, %,d Avro single-object)%n", published.total(),
                    kafka.bootstrap(), published.json(), published.avro());
            return StreamCommand.stream(settings, dataset, flags,
                    StateSettings.besideDataset(StateSettings.Backend.HASHMAP, dir.resolve("dataset")));
        } finally {
            DatasetCommitter.deleteRecursively(brokerDir);
        }
    }
}
