package dev.episodes.flink.operators;

import dev.episodes.identity.ScopedIdentity;
import dev.episodes.session.Episode;
import org.apache.flink.api.common.functions.MapFunction;

/** The last stage before any writer: a closed episode gets its split and the pseudonyms its scope writes. */
public final class IdentityScopeFunction implements MapFunction<Episode, Episode> {
    private static final long serialVersionUID = 1L;
    private final ScopedIdentity identity;

    public IdentityScopeFunction(ScopedIdentity identity) {
        this.identity = identity;
    }

    @Override
    public Episode map(Episode e) {
        return identity.apply(e);
    }
}
