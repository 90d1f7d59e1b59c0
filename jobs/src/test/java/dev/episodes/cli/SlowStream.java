package dev.episodes.cli;

import dev.episodes.event.RawEvent;
import dev.episodes.flink.serialization.PipelineTypes;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import picocli.CommandLine;

/**
 * {@code ./episodes stream ...} that waits {@code -Dpark.micros} per event, so that a test running it in
 * its own JVM can stop a bounded run before it ends. Everything else is the real command.
 */
public final class SlowStream {
    private SlowStream() {}

    public static void main(String[] args) {
        PrivateTemp.install();
        long nanos = Long.getLong("park.micros", 1_000) * 1_000;
        StreamCommand command = new StreamCommand();
        command.tap = events -> events.map((MapFunction<RawEvent, RawEvent>) e -> {
            LockSupport.parkNanos(nanos);
            return e;
        }, PipelineTypes.RAW_EVENT).name("slow").uid("fault");
        String[] flags = args.length > 0 && args[0].equals("stream") ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : args;
        int code = new CommandLine(command).execute(flags);
        PrivateTemp.remove();
        System.exit(code);
    }
}
