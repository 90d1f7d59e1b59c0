package dev.episodes.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLeaseTest {
    private static Path leaseFile(Path root) {
        return root.resolve(DatasetLayout.META).resolve(DatasetLease.FILE);
    }

    @Test
    void aSecondHolderInTheSameProcessIsRefusedUntilTheFirstLetsGo(@TempDir Path root) throws Exception {
        try (DatasetLease first = DatasetLease.acquire(root, "replay", m -> { })) {
            DatasetLease.Busy busy = assertThrows(DatasetLease.Busy.class,
                    () -> DatasetLease.acquire(root, "nightly", m -> { }));
            assertTrue(busy.getMessage().contains("another build is writing to " + root + ": replay (pid "
                    + ProcessHandle.current().pid()), busy.getMessage());
        }
        assertEquals(0, Files.size(leaseFile(root)), "a released lease is emptied");
        List<String> log = new ArrayList<>();
        DatasetLease.acquire(root, "nightly", log::add).close();
        assertTrue(log.isEmpty(), "a released lease is not stale: " + log);
    }

    @Test
    void threadsRacingForOneRootGetItOneAtATime(@TempDir Path root) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> got = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            got.add(pool.submit(() -> {
                start.await();
                try (DatasetLease lease = DatasetLease.acquire(root, "race", m -> { })) {
                    most.accumulateAndGet(holders.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    holders.decrementAndGet();
                    return true;
                } catch (DatasetLease.Busy busy) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : got) {
            winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertTrue(winners >= 1);
        assertEquals(1, most.get(), "never two holders at once");
    }

    @Test
    void aLeaseLeftWithoutItsLockIsTakenOverWithAMessage(@TempDir Path root) throws Exception {
        Files.createDirectories(leaseFile(root).getParent());
        Files.writeString(leaseFile(root), Json.MAPPER.writeValueAsString(new DatasetLease.Holder("replay", 999_999_999L,
                DatasetLease.hostName(), "2026-11-30T10:00:00Z", Instant.now().minusSeconds(3600).toString())));
        List<String> log = new ArrayList<>();
        try (DatasetLease lease = DatasetLease.acquire(root, "nightly", log::add)) {
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("taking over the lease of " + root + " from replay (pid 999999999")
                    && log.get(0).contains("which ended without releasing it"), log.get(0));
            assertTrue(Files.readString(leaseFile(root)).contains("\"owner\" : \"nightly\""));
        }
    }

    @Test
    void aBuildInAnotherProcessHoldsTheRootUntilItIsKilled(@TempDir Path root) throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LeaseHolder.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        try {
            String pid = "pid " + holder.pid();
            Await.until("the other process to hold the lease", Duration.ofSeconds(30),
                    () -> Files.exists(leaseFile(root)) && Files.readString(leaseFile(root)).contains("\"holder\""));
            DatasetLease.Busy busy = assertThrows(DatasetLease.Busy.class,
                    () -> DatasetLease.acquire(root, "replay", m -> { }));
            assertTrue(busy.getMessage().contains("holder (" + pid), busy.getMessage());

            holder.destroyForcibly(); // kill -9: no chance to release
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            List<String> log = new ArrayList<>();
            try (DatasetLease lease = DatasetLease.acquire(root, "replay", log::add)) {
                assertEquals(1, log.size(), log.toString());
                assertTrue(log.get(0).contains("from holder (" + pid), log.get(0));
            }
        } finally {
            holder.destroyForcibly();
        }
    }
}
