package dev.episodes.decode;

/** A field broke the contract. Control flow inside decoding only; never escapes a decoder. */
final class FieldError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    FieldError(RejectReason reason, String field) {
        super(field, null, false, false);
        this.reason = reason;
    }
}
