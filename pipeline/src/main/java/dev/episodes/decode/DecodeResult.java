package dev.episodes.decode;

import dev.episodes.event.RawEvent;

/** What decoding one input record gives: an event, or a dead letter. Errors are values here. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    /** An event; {@code truncatedFields} of its strings were longer than {@link FieldLimits} allow and were cut. */
    record Decoded(RawEvent event, int truncatedFields) implements DecodeResult {
        public Decoded(RawEvent event) {
            this(event, 0);
        }
    }

    record Rejected(DeadLetter deadLetter) implements DecodeResult {}
}
