package dev.episodes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.episodes.broker.LocalKafka;
import dev.episodes.config.KafkaSettings;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.publish.ActivityPublisher;
import dev.episodes.publish.Encoding;
import dev.episodes.testing.Await;
import dev.episodes.testing.Corpus;
import dev.episodes.testing.StepRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./episodes stream} stopped (SIGTERM), killed (-9) or hit by a task failure, each in its own JVM
 * from the shaded jar against a real broker, then rerun with {@code --until-latest}: the dataset holds
 * exactly the step rows (every column) of a file replay of the same input, never {@code _SUCCESS}, and
 * the temporary directory each JVM was given is left empty.
 */
class StreamResumeITCase {
    static final Path JAR = RunnableJarITCase.JAR;
    static final Duration COMMITTED_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Path firstHalf;
    static Path secondHalf;
    static Path keyFile;
    static List<String> expected;
    private static int topicSet;

    @BeforeAll
    static void brokerCorpusAndReplay() throws Exception {
        assertTrue(Files.exists(JAR), "package the jar first: " + JAR);
        kafka = LocalKafka.start(dir.resolve("kafka"), System.getProperty("java.class.path"));
        Path corpus = dir.resolve("activity.jsonl");
        Corpus.write(corpus, GeneratorSettings.of(4, Duration.ofMinutes(20), 41));
        // Published in two parts: a stopped run holds open episodes of the first, the rerun continues them.
        List<String> lines = Files.readAllLines(corpus);
        firstHalf = Files.write(dir.resolve("first.jsonl"), lines.subList(0, lines.size() / 2));
        secondHalf = Files.write(dir.resolve("second.jsonl"), lines.subList(lines.size() / 2, lines.size()));
        keyFile = Files.writeString(dir.resolve("pseudonym.key"), "resume-test-key-0123456789");
        Path replay = dir.resolve("replay");
        StringWriter err = new StringWriter();
        int code = EpisodesCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "replay", "--input", corpus.toString(), "--out", replay.toString(), "--pseudonym-key-file",
                keyFile.toString());
        assertEquals(0, code, err.toString());
        expected = StepRows.of(replay);
        assertTrue(expected.size() > 200, "steps: " + expected.size());
    }

    static final List<Process> STARTED = new ArrayList<>();

    @AfterEach
    void noStreamOutlivesItsTest() throws InterruptedException {
        for (Process p : STARTED) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        STARTED.clear();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    /** Fresh topics, group and folders per test. */
    record Scenario(KafkaSettings topics, Path out, Path tmp) {
        List<String> args(boolean untilLatest) {
            List<String> a = new ArrayList<>(List.of("stream", "--bootstrap", topics.bootstrap(), "--out", out.toString(),
                    "--keys-topic", topics.keysTopic(), "--mouse-topic", topics.mouseTopic(), "--context-topic",
                    topics.contextTopic(), "--consent-topic", topics.consentTopic(), "--dead-letter-topic",
                    topics.deadLetterTopic(), "--group-id", topics.groupId(), "--starting-offsets", "earliest",
                    "--checkpoint-interval", "1s", "--parallelism", "2", "--pseudonym-key-file", keyFile.toString()));
            if (untilLatest) {
                a.add("--until-latest");
            }
            return a;
        }
    }

    static Scenario scenario(String name) throws IOException {
        int n = ++topicSet;
        KafkaSettings t = new KafkaSettings(kafka.bootstrap(), "r" + n + ".keys", "r" + n + ".mouse",
                "r" + n + ".context", "r" + n + ".consent", "r" + n + ".deadletter", "rg" + n, "earliest", false,
                Duration.ofSeconds(1));
        ActivityPublisher.publish(firstHalf, t, Encoding.MIXED);
        return new Scenario(t, dir.resolve(name), Files.createDirectories(dir.resolve(name + "-tmp")));
    }

    /** One run of the jar in its own JVM; output to a log file. */
    record Jvm(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        int await() throws Exception {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("timed out:\n" + output());
            }
            return process.exitValue();
        }
    }

    static Jvm start(Scenario s, String mainClass, List<String> args) throws IOException {
        return start(s, mainClass, args, List.of());
    }

    static Jvm start(Scenario s, String mainClass, List<String> args, List<String> jvmFlags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", RunnableJarITCase.QUICK_JIT, "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Djava.io.tmpdir=" + s.tmp(), "-Dfail.after=1500", "-Dpark.micros=2000"));
        cmd.addAll(jvmFlags);
        if (mainClass == null) {
            cmd.addAll(List.of("-jar", JAR.toString()));
        } else {
            cmd.addAll(List.of("-cp", JAR + java.io.File.pathSeparator + Path.of("target/test-classes").toAbsolutePath(),
                    mainClass));
        }
        cmd.addAll(args);
        Path log = Files.createTempFile(dir, "stream", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        STARTED.add(p);
        return new Jvm(p, log);
    }

    /**
     * Waits until a checkpoint covers everything published so far: the group's committed offsets (the
     * source commits them when a checkpoint completes) reach the topics' ends. The job then holds the
     * open episodes of that input in its state, which a rerun must restore.
     */
    static void awaitCheckpointedToTheEnd(Scenario s, Jvm run) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(s.topics().activityTopics()).allTopicNames().get().values().forEach(d ->
                    d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> latest = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((tp, info) -> latest.put(tp, info.offset()));
            try {
                Await.until("a checkpoint of everything published", COMMITTED_WITHIN, () -> {
                    if (!run.process().isAlive()) {
                        throw new AssertionError("the stream exited early:\n" + run.output());
                    }
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            s.topics().groupId()).partitionsToOffsetAndMetadata().get();
                    return latest.entrySet().stream().allMatch(e -> e.getValue() == 0
                            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + run.output(), e);
            }
        }
    }

    /** After the stop or crash: the rest of the input, then a rerun to the end, which must resume. */
    static String resumeToTheEnd(Scenario s) throws Exception {
        ActivityPublisher.publish(secondHalf, s.topics(), Encoding.MIXED);
        Jvm rerun = start(s, null, s.args(true));
        int code = rerun.await();
        String out = rerun.output();
        assertEquals(0, code, out);
        assertTrue(out.contains("Resuming from "), out);
        assertEquals(expected, StepRows.of(s.out()), "the rows of a file replay, nothing lost, nothing twice");
        assertNoSuccessMarkers(s.out());
        assertEmpty(s.tmp());
        return out;
    }

    @Test
    void sigtermStopsWithASavepointAndARerunResumesFromIt() throws Exception {
        Scenario s = scenario("sigterm");
        Jvm first = start(s, null, s.args(false));
        awaitCheckpointedToTheEnd(s, first);
        long stopping = System.nanoTime();
        first.process().destroy(); // SIGTERM
        int code = first.await();
        double seconds = (System.nanoTime() - stopping) / 1e9;
        String log = first.output();
        assertEquals(0, code, log);
        assertTrue(log.contains("Stopped with a savepoint at "), log);
        assertTrue(log.contains("Run the same command again to resume"), log);
        assertTrue(seconds < GracefulStop.SAVEPOINT_TIMEOUT.plus(GracefulStop.CANCEL_TIMEOUT).toSeconds(),
                "stopped in " + seconds + " s");
        assertEmpty(s.tmp());
        assertEquals(1, retainedCheckpoints(s.out()), "the savepoint alone: older checkpoints are obsolete");
        String rerun = resumeToTheEnd(s);
        assertTrue(rerun.contains("Resuming from savepoint "), rerun);
        assertEquals(0, retainedCheckpoints(s.out()), "the finished rerun leaves no stale savepoint to restore");
        System.out.printf("SIGTERM to exit: %.1f s%n", seconds);
    }

    @Test
    void killMinus9AndARerunResumesFromTheRetainedCheckpoint() throws Exception {
        Scenario s = scenario("kill");
        Jvm first = start(s, null, s.args(false));
        awaitCheckpointedToTheEnd(s, first);
        first.process().destroyForcibly(); // SIGKILL: no hook, no savepoint
        first.await();
        assertTrue(retainedCheckpoints(s.out()) > 0, "the killed run's last checkpoint is there");
        String rerun = resumeToTheEnd(s);
        assertTrue(rerun.contains("Resuming from checkpoint "), rerun);
    }

    @Test
    void aTaskFailureThenAStopAndARerunLoseAndDuplicateNothing() throws Exception {
        Scenario s = scenario("failure");
        Jvm first = start(s, FailOnceStream.class.getName(), s.args(false));
        awaitCheckpointedToTheEnd(s, first);
        assertTrue(first.output().contains("injected task failure"), first.output());
        first.process().destroy();
        assertEquals(0, first.await(), first.output());
        resumeToTheEnd(s);
    }

    /**
     * A stopped --until-latest run's savepoint keeps its stopping offsets: an unbounded rerun from it would
     * read up to them and then nothing, silently. It is refused and touches nothing; a bounded rerun
     * finishes the range the first run began (the rows of a replay of that input) and leaves no state;
     * the unbounded stream after that starts from the committed offsets and reads nothing twice.
     */
    @Test
    void aStoppedUntilLatestRunIsNotResumedUnboundedButFinishedBounded() throws Exception {
        Scenario s = scenario("bounded-stop");
        Jvm first = start(s, SlowStream.class.getName(), s.args(true));
        Await.until("a checkpoint of the bounded run", COMMITTED_WITHIN, () -> {
            if (!first.process().isAlive()) {
                throw new AssertionError("the bounded run ended before it could be stopped:\n" + first.output());
            }
            return retainedCheckpoints(s.out()) > 0;
        });
        first.process().destroy(); // SIGTERM: a savepoint of a bounded run part-way
        assertEquals(0, first.await(), first.output());
        assertTrue(first.output().contains("Stopped with a savepoint at "), first.output());

        Jvm unbounded = start(s, null, s.args(false));
        assertEquals(2, unbounded.await(), unbounded.output());
        assertTrue(unbounded.output().contains("was written by a --until-latest run"), unbounded.output());
        assertTrue(retainedCheckpoints(s.out()) > 0, "the refused run leaves the savepoint alone");

        Jvm bounded = start(s, null, s.args(true));
        assertEquals(0, bounded.await(), bounded.output());
        assertTrue(bounded.output().contains("Resuming from savepoint "), bounded.output());
        List<String> firstHalfRows = replayOf(firstHalf);
        assertEquals(firstHalfRows, StepRows.of(s.out()), "the rows of a replay of what the first run began");
        assertEquals(0, retainedCheckpoints(s.out()), "the finished run leaves no stale savepoint to restore");

        List<String> liveArgs = new ArrayList<>(s.args(false));
        liveArgs.set(liveArgs.indexOf("--starting-offsets") + 1, "committed"); // the default: where the last run ended
        Jvm live = start(s, null, liveArgs);
        awaitCheckpointedToTheEnd(s, live);
        Await.until("a checkpoint of the live run", COMMITTED_WITHIN, () -> retainedCheckpoints(s.out()) > 0);
        live.process().destroy();
        assertEquals(0, live.await(), live.output());
        assertTrue(live.output().contains("No retained checkpoint in "), live.output());
        assertTrue(live.output().contains("  records read       0\n"), "read from the committed end: " + live.output());
        assertEquals(firstHalfRows, StepRows.of(s.out()), "the live run after the finished one read nothing again");
        assertNoSuccessMarkers(s.out());
        assertEmpty(s.tmp());
    }

    /**
     * Red team (feat/redteam-guard): kill -9 of an --until-latest run after its Kafka source has read to the
     * end and its tasks have FINISHED, while a later stage still works (a slow stage of its own, unaligned
     * checkpoints: a -D setting). Flink keeps no coordinator state for a fully finished operator, so the
     * retained checkpoint carries no mark. The unbounded stream after it must be refused (exit 2) and leave
     * that checkpoint alone.
     */
    @Test
    void anUntilLatestRunKilledAfterItsSourceFinishedIsNotResumedUnbounded() throws Exception {
        long n;
        try (Stream<String> lines = Files.lines(firstHalf)) {
            n = lines.count();
        }
        // Timing: the source must finish, and a checkpoint complete, while the slow tail still works. A run
        // that ends first is a finished run (checked), and the attack is tried again on fresh topics.
        Scenario s = null;
        Path checkpoints = null;
        Jvm first = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            Scenario sc = scenario("bounded-late-kill-" + attempt);
            Path cps = sc.out().resolveSibling(sc.out().getFileName() + ".state").resolve("checkpoints");
            Jvm run = start(sc, SlowTailStream.class.getName(), sc.args(true), List.of("-Dfast.for=" + Math.max(0, n - 400)));
            boolean[] ended = new boolean[1];
            Await.until("a retained checkpoint with the source finished, or the end", COMMITTED_WITHIN.multipliedBy(2), () -> {
                if (!run.process().isAlive()) {
                    ended[0] = true;
                    return true;
                }
                Path newest = dev.episodes.testing.KafkaRestarts.newestCheckpoint(cps);
                return newest != null && sourceFullyFinished(newest);
            });
            if (!ended[0]) {
                s = sc;
                checkpoints = cps;
                first = run;
                break;
            }
            assertEquals(0, run.await(), run.output());
            assertEquals(Map.of(), behindTheEnd(sc), "a run that ended first is a finished one: " + run.output());
        }
        assertTrue(first != null, "the bounded run ended before it could be killed, 4 times");
        first.process().destroyForcibly(); // kill -9
        first.process().waitFor(30, TimeUnit.SECONDS);
        Path late = dev.episodes.testing.KafkaRestarts.newestCheckpoint(checkpoints);
        assertTrue(late != null && sourceFullyFinished(late), "precondition: " + late);

        ActivityPublisher.publish(secondHalf, s.topics(), Encoding.MIXED);
        Jvm unbounded = start(s, null, s.args(false));
        boolean exited = unbounded.process().waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            unbounded.process().destroy();
            unbounded.process().waitFor(60, TimeUnit.SECONDS);
        }
        String out = unbounded.output();
        int code = unbounded.process().exitValue();
        boolean kept = Files.exists(late.resolve("_metadata"));
        int rows = StepRows.of(s.out()).size();
        org.junit.jupiter.api.Assertions.assertAll(
                () -> assertTrue(code == 2 && out.contains("was written by a --until-latest run"),
                        "the unbounded stream is not refused (exit " + code + (exited ? ", by itself" : ", stopped")
                                + ", " + rows + " step rows):\n" + out),
                () -> assertTrue(kept, "the unbounded stream deleted the killed run's checkpoint " + late));
    }

    /**
     * Red team: as above, but SIGTERM (stop with a savepoint) instead of kill -9. The savepoint of a run whose
     * source has finished holds that source fully finished: no coordinator state, no mark in it either
     * (asserted, the commit's guard alone misses it). The unbounded stream after it must still be refused.
     */
    @Test
    void anUntilLatestRunStoppedAfterItsSourceFinishedIsNotResumedUnbounded() throws Exception {
        Scenario s = scenario("bounded-late-stop");
        long n;
        try (Stream<String> lines = Files.lines(firstHalf)) {
            n = lines.count();
        }
        Path checkpoints = s.out().resolveSibling(s.out().getFileName() + ".state").resolve("checkpoints");
        Jvm first = start(s, SlowTailStream.class.getName(), s.args(true), List.of("-Dfast.for=" + Math.max(0, n - 400)));
        Await.until("a retained checkpoint with the source finished", COMMITTED_WITHIN.multipliedBy(2), () -> {
            if (!first.process().isAlive()) {
                throw new AssertionError("the bounded run ended before it could be stopped:\n" + first.output());
            }
            Path newest = dev.episodes.testing.KafkaRestarts.newestCheckpoint(checkpoints);
            return newest != null && sourceFullyFinished(newest);
        });
        first.process().destroy(); // SIGTERM
        int stopped = first.await();
        String stopOut = first.output();
        if (stopOut.contains("The run reached its end before the stop took effect")) {
            // The stop came as the run finished: no savepoint, and Flink discarded its checkpoints. It is a
            // finished run: its offsets committed to the end, nothing left to restore.
            assertEquals(0, stopped, stopOut);
            assertEquals(Map.of(), behindTheEnd(s), stopOut);
            assertEquals(0, retainedCheckpoints(s.out()), stopOut);
            return;
        }
        Path savepoints = checkpoints.resolve("savepoints");
        Path sp = null;
        if (Files.isDirectory(savepoints)) {
            try (Stream<Path> l = Files.list(savepoints)) {
                sp = l.filter(p -> Files.exists(p.resolve("_metadata"))).findFirst().orElse(null);
            }
        }
        System.out.println("stop: exit " + stopped + ", savepoint " + sp + (sp == null ? ""
                : ", source fully finished " + sourceFullyFinished(sp) + ", coordinator mark " + coordinatorMarked(sp)));
        if (sp != null) {
            assertTrue(sourceFullyFinished(sp), "the savepoint holds the source fully finished: " + sp);
            assertFalse(coordinatorMarked(sp), "and no coordinator mark: the commit's guard alone would miss it");
        }
        ActivityPublisher.publish(secondHalf, s.topics(), Encoding.MIXED);
        Jvm unbounded = start(s, null, s.args(false));
        boolean exited = unbounded.process().waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            unbounded.process().destroy();
            unbounded.process().waitFor(60, TimeUnit.SECONDS);
        }
        String out = unbounded.output();
        int code = unbounded.process().exitValue();
        assertTrue(code == 2 && out.contains("was written by a --until-latest run"), "stop: exit " + stopped
                + (sp == null ? ", no savepoint" : ", savepoint " + sp) + "\n" + stopOut
                + "\nthe unbounded stream after it is not refused (exit " + code + "):\n" + out);
    }

    /**
     * Red team: a finished --until-latest run removes every checkpoint, and says "a rerun starts from the
     * group's committed offsets". Those must then be at the end of what it read, or the next run (default
     * --starting-offsets committed) reads the tail again with empty state.
     */
    @Test
    void aFinishedUntilLatestRunLeavesTheGroupCommittedToTheEnd() throws Exception {
        for (int attempt = 1; attempt <= 4; attempt++) { // a race: each attempt a fresh scenario
            Scenario s = scenario("bounded-commit-" + attempt);
            List<String> firstArgs = s.args(true); // --starting-offsets earliest on odd attempts
            List<String> args = new ArrayList<>(firstArgs);
            args.set(args.indexOf("--starting-offsets") + 1, "committed"); // the default
            Jvm run = start(s, null, attempt % 2 == 1 ? firstArgs : args);
            assertEquals(0, run.await(), run.output());
            Map<TopicPartition, String> behind = behindTheEnd(s);
            if (behind.isEmpty()) {
                continue;
            }
            Jvm rerun = start(s, null, args); // nothing published since: must read nothing
            assertEquals(0, rerun.await(), rerun.output());
            String first = run.output().lines().filter(l -> l.startsWith("Dataset now")).findFirst().orElse("");
            String again = rerun.output().lines().filter(l -> l.startsWith("Dataset now")
                    || l.startsWith("  records read")).toList().toString();
            fail("attempt " + attempt + ": committed offsets behind the end after a finished run (its checkpoints "
                    + "removed): " + behind + "; first run: " + first + "; the same command again, nothing "
                    + "published since: " + again + "\n" + run.output());
        }
    }

    /**
     * Red team (StoppingOffsets.commit, commit 8cc515f): the command's own commit fails once the run has
     * finished. Stand-in for "Kafka unreachable at the commit", made deterministic: a consumer of another
     * topic holds the group active, so Kafka refuses offset commits from outside it (the admin's, and the
     * source's own as well). The command exits 1 saying the state is kept and to rerun the same command
     * once Kafka is reachable; but Flink discarded the finished job's checkpoints, so the rerun (blocker
     * gone, nothing published since) starts afresh from the group's committed offsets, reads the input
     * again and writes its episodes a second time.
     */
    @Test
    void aFinishedRunWhoseCommitFailedIsNotReadAgainByTheRerunItAsksFor() throws Exception {
        Scenario s = scenario("commit-fails");
        List<String> args = new ArrayList<>(s.args(true));
        args.set(args.indexOf("--starting-offsets") + 1, "committed"); // the default
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch joined = new java.util.concurrent.CountDownLatch(1);
        Thread blocker = new Thread(() -> {
            try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(Map.of(
                    "bootstrap.servers", kafka.bootstrap(), "group.id", s.topics().groupId(),
                    "enable.auto.commit", "false", "key.deserializer",
                    "org.apache.kafka.common.serialization.ByteArrayDeserializer", "value.deserializer",
                    "org.apache.kafka.common.serialization.ByteArrayDeserializer"))) {
                c.subscribe(List.of(s.topics().consentTopic()));
                while (!stop.get()) {
                    c.poll(Duration.ofMillis(200));
                    if (!c.assignment().isEmpty()) {
                        joined.countDown();
                    }
                }
            }
        });
        blocker.start();
        try {
            assertTrue(joined.await(60, TimeUnit.SECONDS), "the blocker never joined the group");
            Jvm run = start(s, null, args);
            int code = run.await();
            String out = run.output();
            assertEquals(1, code, "the commit was to fail: " + out);
            assertTrue(out.contains("were not committed"), out);
        } finally {
            stop.set(true);
            blocker.join(30_000);
        }
        List<String> afterFirst = StepRows.of(s.out());
        assertFalse(afterFirst.isEmpty(), "the first run wrote nothing");
        Jvm rerun = start(s, null, args); // as told: "Rerun the same command once Kafka is reachable"
        int code = rerun.await();
        String again = rerun.output();
        assertEquals(0, code, again);
        List<String> rows = StepRows.of(s.out());
        String read = again.lines().filter(l -> l.startsWith("  records read") || l.startsWith("Dataset now")
                || l.startsWith("Resuming")).toList().toString();
        assertEquals(afterFirst.size(), rows.size(), "step rows after the rerun it asked for, nothing published "
                + "since: " + read + "\n" + again);
        assertEquals(afterFirst, rows);
    }

    /**
     * Red team (StoppingOffsets, commit 8cc515f): the record beside the checkpoints is one per folder, but
     * restore points are many. A bounded run B1 resumed from an unbounded savepoint U records the end then
     * (L2) and is stopped (savepoint S1: its splits stop at L2). More is published (L3). Another bounded run
     * from a copy of U ({@code --from-savepoint}) overwrites the record with L3 and is killed before its first
     * checkpoint. Resuming S1 ({@code --from-savepoint}) stops where S1's splits say (L2), as documented, but
     * the command commits the record it finds (L3): the records between L2 and L3 are never read, by any run.
     */
    @Test
    void aBoundedResumeCommitsOnlyWhatItsOwnRestorePointWasToRead() throws Exception {
        Scenario s = scenario("stale-record");
        Path stateDir = s.out().resolveSibling(s.out().getFileName() + ".state").resolve("checkpoints");
        Path record = stateDir.resolve(StreamCommand.STOPPING_FILE);
        Jvm live = start(s, null, s.args(false));
        awaitCheckpointedToTheEnd(s, live);
        live.process().destroy();
        assertEquals(0, live.await(), live.output());
        Path u = savepointOf(live);
        Path uCopy = dir.resolve("stale-record-u");
        copyTree(u, uCopy); // a kept copy of the unbounded savepoint

        ActivityPublisher.publish(secondHalf, s.topics(), Encoding.MIXED);
        Map<TopicPartition, Long> l2 = ends(s);
        Jvm b1 = start(s, SlowStream.class.getName(), s.args(true));
        long before = retainedCheckpoints(s.out());
        Await.until("a checkpoint of the bounded run", COMMITTED_WITHIN, () -> {
            if (!b1.process().isAlive()) {
                throw new AssertionError("the bounded run ended before it could be stopped:\n" + b1.output());
            }
            return retainedCheckpoints(s.out()) > before;
        });
        b1.process().destroy();
        assertEquals(0, b1.await(), b1.output());
        Path s1 = savepointOf(b1);
        String recordedByB1 = Files.readString(record);

        Path third = dir.resolve("third.jsonl");
        Corpus.write(third, GeneratorSettings.of(2, Duration.ofMinutes(3), 77));
        ActivityPublisher.publish(third, s.topics(), Encoding.MIXED);
        List<String> b2Args = new ArrayList<>(s.args(true));
        b2Args.addAll(List.of("--from-savepoint", uCopy.toString()));
        Jvm b2 = start(s, null, b2Args);
        // Refused: its record would stand for the stopped run's range too (one record per folder).
        assertEquals(2, b2.await(), b2.output());
        assertTrue(b2.output().contains("a stopped --until-latest run's state is in"), b2.output());
        assertEquals(recordedByB1, Files.readString(record), "the stopped run's record is left as it was");

        List<String> resumeArgs = new ArrayList<>(s.args(true));
        resumeArgs.addAll(List.of("--from-savepoint", s1.toString()));
        Jvm resume = start(s, null, resumeArgs);
        assertEquals(0, resume.await(), resume.output());
        assertTrue(resume.output().contains("Restoring from " + s1), resume.output());
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            committed = admin.listConsumerGroupOffsets(s.topics().groupId()).partitionsToOffsetAndMetadata().get();
        }
        Map<TopicPartition, String> beyond = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
        l2.forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            if (c != null && c.offset() > end) {
                beyond.put(tp, c.offset() + " > " + end);
            }
        });
        assertTrue(beyond.isEmpty(), "committed beyond what the resumed run was to read (S1's L2), records never "
                + "read: " + beyond + "; record B1 wrote: " + recordedByB1.replaceAll("\\s+", " ")
                + "\n" + resume.output());
    }

    static Path savepointOf(Jvm run) throws IOException {
        String log = run.output();
        String line = log.lines().filter(l -> l.startsWith("Stopped with a savepoint at ")).findFirst()
                .orElseThrow(() -> new AssertionError("no savepoint:\n" + log));
        String at = line.substring("Stopped with a savepoint at ".length()).trim();
        return at.startsWith("file:") ? Path.of(java.net.URI.create(at.startsWith("file://") ? at : "file://"
                + at.substring("file:".length()))) : Path.of(at);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static Map<TopicPartition, Long> ends(Scenario s) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(s.topics().activityTopics()).allTopicNames().get().values().forEach(d ->
                    d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> latest = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((tp, info) -> latest.put(tp, info.offset()));
            return latest;
        }
    }

    static Map<TopicPartition, String> behindTheEnd(Scenario s) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(s.topics().activityTopics()).allTopicNames().get().values().forEach(d ->
                    d.partitions().forEach(p -> ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> latest = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((tp, info) -> latest.put(tp, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(s.topics().groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, String> behind = new java.util.TreeMap<>(java.util.Comparator.comparing(Object::toString));
            latest.forEach((tp, end) -> {
                OffsetAndMetadata c = committed.get(tp);
                if (end > 0 && (c == null || c.offset() < end)) {
                    behind.put(tp, (c == null ? "none" : String.valueOf(c.offset())) + " of " + end);
                }
            });
            return behind;
        }
    }

    static boolean coordinatorMarked(Path chk) throws Exception {
        try (java.io.InputStream in = Files.newInputStream(chk.resolve("_metadata"))) {
            return org.apache.flink.runtime.checkpoint.Checkpoints.loadCheckpointMetadata(new java.io.DataInputStream(in),
                    StreamResumeITCase.class.getClassLoader(), chk.toString()).getOperatorStates().stream()
                    .anyMatch(op -> op.getCoordinatorState() != null && dev.episodes.flink.source.BoundedRunMark
                            .inCoordinatorState(op.getCoordinatorState().getData()).orElse(false));
        }
    }

    static boolean sourceFullyFinished(Path chk) {
        try (java.io.InputStream in = Files.newInputStream(chk.resolve("_metadata"))) {
            return org.apache.flink.runtime.checkpoint.Checkpoints.loadCheckpointMetadata(new java.io.DataInputStream(in),
                    StreamResumeITCase.class.getClassLoader(), chk.toString()).getOperatorStates().stream()
                    .anyMatch(org.apache.flink.runtime.checkpoint.OperatorState::isFullyFinished);
        } catch (Exception e) {
            return false; // being written
        }
    }

    static List<String> replayOf(Path input) throws Exception {
        Path out = Files.createTempDirectory(dir, "replay");
        StringWriter err = new StringWriter();
        int code = EpisodesCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "replay", "--input", input.toString(), "--out", out.resolve("d").toString(), "--pseudonym-key-file",
                keyFile.toString());
        assertEquals(0, code, err.toString());
        return StepRows.of(out.resolve("d"));
    }

    @Test
    void freshRefusesADatasetThatHasPartitions() throws Exception {
        Scenario s = scenario("fresh");
        Files.createDirectories(s.out().resolve("dt=2026-11-27"));
        List<String> args = new ArrayList<>(s.args(true));
        args.add("--fresh");
        Jvm run = start(s, null, args);
        assertEquals(2, run.await(), run.output());
        assertTrue(run.output().contains("error: --fresh would cut the episodes"), run.output());
        assertEmpty(s.tmp());
    }

    static long retainedCheckpoints(Path out) throws IOException {
        Path checkpoints = out.resolveSibling(out.getFileName() + ".state").resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(checkpoints, 4)) { // <job>/chk-n/_metadata, savepoints/savepoint-x/_metadata
            return s.filter(p -> p.getFileName().toString().equals("_metadata")).count();
        }
    }

    static void assertNoSuccessMarkers(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(x -> x.getFileName().toString().startsWith("dt=")).toList()) {
                assertFalse(Files.exists(p.resolve("_SUCCESS")), "a streamed partition is never complete: " + p);
            }
        }
    }

    static void assertEmpty(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList(),
                    "the temporary directory is left as found");
        }
    }
}
