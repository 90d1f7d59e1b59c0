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
        StateIO.writeString(out, e.split()); // layout 2
    }

    /** Reads the current layout (2). */
    public static Episode read(DataInput in) throws IOException {
        return read(in, 2);
    }

    /** Layout 1 has no split (it reads as not decided yet). */
    public static Episode read(DataInput in, int version) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("no episode layout version " + version);
        }
        String id = StateIO.readString(in);
        String user = StateIO.readString(in);
        String device = StateIO.readString(in);
        int n = in.readInt();
        List<Step> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(StateIO.readStep(in));
        }
        var plan = FramesIO.readPlan(in);
        var frames = FramesIO.readFrames(in);
        return new Episode(id, user, device, steps, plan, frames, version >= 2 ? StateIO.readString(in) : null);
    }
}
