package dev.episodes.flink.sink;

import dev.episodes.storage.StoreSettings;
import dev.episodes.writing.StagedShard;
import java.io.IOException;
import java.nio.file.Path;

/** The streaming sink's committable serializer, for the layout guard (SerializerLayoutsTest). */
public final class CommittableLayout {
    public static final String NAME = EpisodeCommitSink.CommittableSerializer.class.getName();
    private final EpisodeCommitSink.CommittableSerializer serializer;

    public CommittableLayout(Path root) {
        serializer = new EpisodeCommitSink.CommittableSerializer(root.toString(), StoreSettings.none());
    }

    public int version() {
        return serializer.getVersion();
    }

    public byte[] serialize(StagedShard shard) throws IOException {
        return serializer.serialize(shard);
    }

    public StagedShard deserialize(int version, byte[] bytes) throws IOException {
        return serializer.deserialize(version, bytes);
    }
}
