package dev.episodes.snapshot;

import dev.episodes.frames.EpisodeFrames;
import dev.episodes.frames.FramePlan;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.frames.StoredFrame;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Binary form of an episode's frame plan and frames (in transit between operators and in sorted runs). */
public final class FramesIO {
    private FramesIO() {}

    public static void writePlan(DataOutput out, FramePlan plan) throws IOException {
        out.writeBoolean(plan != null);
        if (plan == null) {
            return;
        }
        out.writeInt(plan.steps().size());
        for (ShotRequest s : plan.steps()) {
            out.writeBoolean(s != null);
            if (s != null) {
                StateIO.writeString(out, s.uri());
                StateIO.writeInt(out, s.screenW());
                StateIO.writeInt(out, s.screenH());
                StateIO.writeString(out, s.app());
                writeMasks(out, s.masks());
            }
        }
    }

    public static FramePlan readPlan(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int n = in.readInt();
        List<ShotRequest> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steps.add(in.readBoolean() ? new ShotRequest(StateIO.readString(in), StateIO.readInt(in),
                    StateIO.readInt(in), StateIO.readString(in), readMasks(in)) : null);
        }
        return new FramePlan(steps);
    }

    public static void writeFrames(DataOutput out, EpisodeFrames f) throws IOException {
        out.writeBoolean(f != null);
        if (f == null) {
            return;
        }
        out.writeInt(f.stepFrameIds().size());
        for (String id : f.stepFrameIds()) {
            StateIO.writeString(out, id);
        }
        out.writeInt(f.frames().size());
        for (StoredFrame s : f.frames()) {
            StateIO.writeString(out, s.frameId());
            out.writeInt(s.image().length);
            out.write(s.image());
            StateIO.writeString(out, s.format());
            out.writeInt(s.width());
            out.writeInt(s.height());
            writeMasks(out, s.masks());
        }
        out.writeInt(f.failures().size());
        for (Map.Entry<String, Long> e : f.failures().entrySet()) {
            StateIO.writeString(out, e.getKey());
            out.writeLong(e.getValue());
        }
    }

    public static EpisodeFrames readFrames(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int n = in.readInt();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(StateIO.readString(in));
        }
        int m = in.readInt();
        List<StoredFrame> frames = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            String id = StateIO.readString(in);
            byte[] image = new byte[in.readInt()];
            in.readFully(image);
            frames.add(new StoredFrame(id, image, StateIO.readString(in), in.readInt(), in.readInt(), readMasks(in)));
        }
        int k = in.readInt();
        Map<String, Long> failures = new TreeMap<>();
        for (int i = 0; i < k; i++) {
            failures.put(StateIO.readString(in), in.readLong());
        }
        return new EpisodeFrames(ids, frames, failures);
    }

    public static void writeMasks(DataOutput out, List<MaskRect> masks) throws IOException {
        out.writeInt(masks.size());
        for (MaskRect r : masks) {
            out.writeInt(r.x());
            out.writeInt(r.y());
            out.writeInt(r.w());
            out.writeInt(r.h());
            StateIO.writeString(out, r.kind());
        }
    }

    public static List<MaskRect> readMasks(DataInput in) throws IOException {
        int n = in.readInt();
        List<MaskRect> masks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            masks.add(new MaskRect(in.readInt(), in.readInt(), in.readInt(), in.readInt(), StateIO.readString(in)));
        }
        return masks;
    }
}
