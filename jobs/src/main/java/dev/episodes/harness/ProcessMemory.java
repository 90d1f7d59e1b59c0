package dev.episodes.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of this JVM as the operating system and the collector see it. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident set size now, in MB (Linux; -1 elsewhere). */
    static long rssMb() {
        return statusKb("VmRSS:") >> 10;
    }

    /** Peak resident set size of the process so far, in MB (Linux; -1 elsewhere). */
    static long peakRssMb() {
        return statusKb("VmHWM:") >> 10;
    }

    /** Heap in use after full collections: what live objects hold. */
    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // G1 runs a full collection on System.gc(); a few passes settle finalizable and weak refs
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long maxHeapMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
        return -1024;
    }
}
