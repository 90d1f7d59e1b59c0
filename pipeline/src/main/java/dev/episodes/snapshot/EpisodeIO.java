package dev.episodes.snapshot;

import dev.episodes.reduction.Step;
import dev.episodes.session.Episode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Binary form of a closed episode: between operators and in the shard writer's sorted runs. */
public final class EpisodeIO {
    private EpisodeIO() {}

    public static void write(DataOutput out, Episode e) throws IOException {
        StateIO.writeString(out, e.episodeId());
        StateIO.writeString(out, e.user());
        StateIO.writeString(out, e.device());
        out.writeInt(e.steps().size());
        for (Step s : e.steps()) {
            StateIO.writeStep(out, s);
        }
        FramesIO.writePlan(out, e.plan());
        FramesIO.writeFrames(out, e.frames());
    }

    public static Episode read(DataInput in) throws IOException {
        String id = StateIO.readString(in);
        String user = StateIO.readString(in);
        String device = StateIO.readString(in);
        int n = in.readInt();
        List<Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(StateIO.readStep(in));
        }
        return new Episode(id, user, device, steps, FramesIO.readPlan(in), FramesIO.readFrames(in));
    }
}
