package dev.episodes.decode;

import dev.episodes.event.RawEvent;

/** What decoding one input record gives: an event, or a dead letter. Errors are values here. */
public sealed interface DecodeResult permits DecodeResult.Decoded, DecodeResult.Rejected {

    record Decoded(RawEvent event) implements DecodeResult {}

    record Rejected(DeadLetter deadLetter) implements DecodeResult {}
}
