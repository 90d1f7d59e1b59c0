package dev.episodes.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.episodes.archive.ArchiveLine;
import dev.episodes.decode.ArchiveLineDecoder;
import dev.episodes.decode.AvroEventDecoder;
import dev.episodes.decode.AvroEventEncoder;
import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.TimeBounds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one record (a JSON line, an Avro single-object message), against floors measured beside it:
 * walking the JSON tokens and nothing else, and building a Jackson tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {
    private final TimeBounds bounds = new TimeBounds(TimeBounds.Y2000_US, Long.MAX_VALUE);
    private final JsonEventDecoder decoder = new JsonEventDecoder(bounds);
    private final AvroEventDecoder avro = new AvroEventDecoder(bounds);
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonFactory factory = new JsonFactory();
    private final List<byte[]> avroRecords = new ArrayList<>();
    // What a file replay's readers run: bytes of a line, the file name check, a dead letter's source.
    private final ArchiveLineDecoder archive = new ArchiveLineDecoder(decoder, List.of("export-0001.jsonl"));
    private final List<byte[]> lineBytes = new ArrayList<>();
    private int i;
    private int k;
    private int j;

    @Setup
    public void encodeAvro() {
        for (String line : BenchData.INSTANCE.lines) {
            if (decoder.decode(line) instanceof DecodeResult.Decoded d) {
                avroRecords.add(AvroEventEncoder.encode(d.event()));
            }
            lineBytes.add(line.getBytes(StandardCharsets.UTF_8));
        }
    }

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
    public void decodeArchiveLine(Blackhole bh) {
        k = k + 1 == lineBytes.size() ? 0 : k + 1;
        bh.consume(archive.decode(ArchiveLine.line(0, k, lineBytes.get(k))));
    }

    @Benchmark
    public void decodeAvro(Blackhole bh) {
        j = j + 1 == avroRecords.size() ? 0 : j + 1;
        bh.consume(avro.decode(avroRecords.get(j)));
    }

    @Benchmark
    public void floorJsonTokens(Blackhole bh) throws Exception {
        try (JsonParser p = factory.createParser(next())) {
            int n = 0;
            while (p.nextToken() != null) {
                n++;
            }
            bh.consume(n);
        }
    }

    @Benchmark
    public void floorJacksonTree(Blackhole bh) throws Exception {
        bh.consume(mapper.readTree(next()));
    }
}
