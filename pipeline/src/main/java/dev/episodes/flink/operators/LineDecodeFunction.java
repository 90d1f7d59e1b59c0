package dev.episodes.flink.operators;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import org.apache.flink.api.common.functions.MapFunction;

/** Decodes archived JSON lines; {@link RouteFunction} counts and routes what comes out. */
public final class LineDecodeFunction implements MapFunction<String, DecodeResult> {
    private static final long serialVersionUID = 1L;
    private final JsonEventDecoder decoder;

    public LineDecodeFunction(JsonEventDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public DecodeResult map(String line) {
        return decoder.decode(line);
    }
}
