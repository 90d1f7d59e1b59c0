package dev.episodes.redaction;

/**
 * The kinds of sensitive span and the fixed token each becomes (episodes.md, Placeholders). {@code ID}: a raw
 * id of a person or device other than the step's own (its own become pseudonyms, see {@link RawIds}).
 */
public enum Placeholder {
    PASSWORD, CREDIT_CARD, IBAN, SSN, EMAIL, PHONE, SECRET, ID;

    public String token() {
        return "[" + name() + "]";
    }
}
