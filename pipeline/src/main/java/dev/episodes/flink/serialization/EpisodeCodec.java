package dev.episodes.flink.serialization;

import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import dev.episodes.snapshot.StateIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class EpisodeCodec implements Codec<Episode> {
    private static final long serialVersionUID = 1L;

    @Override
    public Class<Episode> type() {
        return Episode.class;
    }

    @Override
    public void write(Episode value, DataOutputView out) throws IOException {
        StateIO.writeString(out, value.episodeId());
        StateIO.writeString(out, value.user());
        StateIO.writeString(out, value.device());
        out.writeInt(value.steps().size());
        for (Step s : value.steps()) {
            StateIO.writeStep(out, s);
        }
    }

    @Override
    public Episode read(DataInputView in) throws IOException {
        String id = StateIO.readString(in);
        String user = StateIO.readString(in);
        String device = StateIO.readString(in);
        int n = in.readInt();
        List<Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(StateIO.readStep(in));
        }
        return new Episode(id, user, device, steps);
    }
}
