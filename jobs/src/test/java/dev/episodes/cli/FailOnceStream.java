package dev.episodes.cli;

import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import picocli.CommandLine;

/**
 * {@code ./episodes stream ...} whose tasks fail once, after {@code -Dfail.after} events, for tests that run
 * it in its own JVM (the shaded jar plus the test classes). Everything else is the real command.
 */
public final class FailOnceStream {
    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private FailOnceStream() {}

    public static void main(String[] args) {
        PrivateTemp.install();
        long after = Long.getLong("fail.after", 2_000);
        StreamCommand command = new StreamCommand();
        command.tap = events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
            if (SEEN.incrementAndGet() > after && FAILED.compareAndSet(false, true)) {
                System.err.println("injected task failure after " + after + " events");
                throw new IllegalStateException("injected task failure after " + after + " events");
            }
            return e;
        }, PipelineTypes.RAW_EVENT).name("fault").uid("fault");
        String[] flags = args.length > 0 && args[0].equals("stream") ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : args;
        int code = new CommandLine(command).execute(flags);
        PrivateTemp.remove();
        System.exit(code);
    }
}
