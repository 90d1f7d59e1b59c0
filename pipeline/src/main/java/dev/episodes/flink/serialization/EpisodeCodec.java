package dev.episodes.flink.serialization;

import dev.episodes.session.Episode;
import dev.episodes.snapshot.EpisodeIO;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class EpisodeCodec implements Codec<Episode> {
    private static final long serialVersionUID = 1L;

    @Override
    public int version() {
        return 2; // 2: the episode's split (decided before its identity scope)
    }

    @Override
    public boolean reads(int version) {
        return version == 1 || version == 2;
    }

    @Override
    public Episode read(DataInputView in, int version) throws IOException {
        return reads(version) ? EpisodeIO.read(in, version) : Codec.super.read(in, version);
    }

    @Override
    public Class<Episode> type() {
        return Episode.class;
    }

    @Override
    public void write(Episode value, DataOutputView out) throws IOException {
        EpisodeIO.write(out, value);
    }

    @Override
    public Episode read(DataInputView in) throws IOException {
        return EpisodeIO.read(in);
    }
}
