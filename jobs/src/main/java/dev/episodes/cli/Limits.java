package dev.episodes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the embedded cluster of this machine can run: {@code --parallelism} above it used to exhaust the
 * network buffers, then the heap, and left a process that ignored SIGTERM. Checked before any work.
 */
final class Limits {
    /** Parallel instances per core: more only queue on the CPU and multiply buffers. */
    static final int PER_CORE = 4;
    /** Heap one parallel instance needs on the embedded cluster (network buffers, writer, state), in MB. */
    static final long HEAP_MB_PER_INSTANCE = 64;

    private Limits() {}

    /** The largest {@code --parallelism} this JVM accepts. */
    static int maxParallelism(int cores, long maxHeapBytes) {
        long byHeap = Math.max(1, maxHeapBytes / (HEAP_MB_PER_INSTANCE << 20));
        return (int) Math.min((long) PER_CORE * cores, byHeap);
    }

    static void check(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        OptionSpec option = last.commandSpec().findOption("--parallelism");
        if (option != null && option.getValue() instanceof Integer p) {
            checkParallelism(p, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
        }
    }

    static void checkParallelism(int parallelism, int cores, long maxHeapBytes) {
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be 0 (one per core) or more, got " + parallelism);
        }
        int max = maxParallelism(cores, maxHeapBytes);
        if (parallelism > max) {
            throw new IllegalArgumentException(String.format(
                    "--parallelism %d is more than this machine can run: at most %d here (%d per core x %d cores; "
                            + "a heap of %,d MB holds %d instances of %d MB) (use 0 for one per core, or give the "
                            + "JVM more memory with EPISODES_JAVA_OPTS=-Xmx...)", parallelism, max, PER_CORE, cores,
                    maxHeapBytes >> 20, maxHeapBytes / (HEAP_MB_PER_INSTANCE << 20), HEAP_MB_PER_INSTANCE));
        }
    }
}
