package dev.episodes.frames;

/**
 * Where screenshots are read from: the whole object at an absolute URI, refused as
 * {@link FrameFailure.Reason#OVERSIZED} when larger than {@code maxBytes} (without reading it all).
 * Blocking; called from the frames stage's own threads, which may be interrupted on a timeout.
 * A failure's message never holds the URI.
 */
@FunctionalInterface
public interface FrameSource extends java.io.Serializable {
    byte[] read(String uri, long maxBytes) throws FrameFailure;
}
