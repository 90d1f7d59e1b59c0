package dev.episodes.flink.operators;

import dev.episodes.archive.ArchiveLine;
import dev.episodes.decode.ArchiveLineDecoder;
import dev.episodes.decode.DecodeResult;
import org.apache.flink.api.common.functions.MapFunction;

/** Decodes archive lines; {@link RouteFunction} counts and routes what comes out. */
public final class LineDecodeFunction implements MapFunction<ArchiveLine, DecodeResult> {
    private static final long serialVersionUID = 1L;
    private final ArchiveLineDecoder decoder;

    public LineDecodeFunction(ArchiveLineDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public DecodeResult map(ArchiveLine line) {
        return decoder.decode(line);
    }
}
