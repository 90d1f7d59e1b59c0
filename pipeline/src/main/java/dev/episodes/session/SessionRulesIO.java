package dev.episodes.session;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;

/** Persists {@link SessionRules} alongside device state, so restored state keeps its own rules. */
public final class SessionRulesIO {
    private SessionRulesIO() {}

    public static void write(DataOutput out, SessionRules rules) throws IOException {
        out.writeLong(rules.gap().toMillis());
        out.writeLong(rules.maxLength().toMillis());
        out.writeByte(rules.splitOn().ordinal());
    }

    public static SessionRules read(DataInput in) throws IOException {
        return new SessionRules(Duration.ofMillis(in.readLong()), Duration.ofMillis(in.readLong()),
                SplitOn.values()[in.readByte()]);
    }
}
