package dev.episodes.redaction;

/** The kinds of sensitive span and the fixed token each becomes (episodes.md, Placeholders). */
public enum Placeholder {
    PASSWORD, CREDIT_CARD, IBAN, SSN, EMAIL, PHONE, SECRET;

    public String token() {
        return "[" + name() + "]";
    }
}
