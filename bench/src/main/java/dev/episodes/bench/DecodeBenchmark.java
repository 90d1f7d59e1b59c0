package dev.episodes.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Decoding one JSON line, against the floor of parsing it into a Jackson tree and nothing else. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {
    private final JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE));
    private final ObjectMapper mapper = new ObjectMapper();
    private int i;

    private String next() {
        var lines = BenchData.INSTANCE.lines;
        i = i + 1 == lines.size() ? 0 : i + 1;
        return lines.get(i);
    }

    @Benchmark
    public void decodeLine(Blackhole bh) {
        bh.consume(decoder.decode(next()));
    }

    @Benchmark
    public void floorJacksonTree(Blackhole bh) throws Exception {
        bh.consume(mapper.readTree(next()));
    }
}
