package dev.episodes.cli;

import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import dev.episodes.storage.StoreSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import picocli.CommandLine;

/**
 * {@code ./episodes -D execution.checkpointing.unaligned.enabled=true stream ...} with a stage of its own
 * (not chained to the source) that is fast for {@code -Dfast.for} events and then slow: the source reads to
 * the end and its tasks finish while this stage still works, and checkpoints go on meanwhile. Red team.
 */
public final class SlowTailStream {
    static final AtomicLong SEEN = new AtomicLong();

    private SlowTailStream() {}

    public static void main(String[] args) throws Exception {
        PrivateTemp.install();
        new StoreSettings(Map.of("execution.checkpointing.unaligned.enabled", "true",
                "execution.checkpointing.unaligned.forced", "true")).apply();
        long fastFor = Long.getLong("fast.for", 0);
        StreamCommand command = new StreamCommand();
        command.tap = events -> events.rebalance().map((MapFunction<RawEvent, RawEvent>) e -> {
            if (SEEN.incrementAndGet() > fastFor) {
                LockSupport.parkNanos(25_000_000);
            }
            return e;
        }, PipelineTypes.RAW_EVENT).name("slow").uid("fault").setParallelism(1);
        String[] flags = args.length > 0 && args[0].equals("stream") ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : args;
        int code = new CommandLine(command).execute(flags);
        PrivateTemp.remove();
        System.exit(code);
    }
}
