package dev.episodes.redaction.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.episodes.redaction.TextRedactor;
import org.junit.jupiter.api.Test;

/** Detection on the folded text, replacement on the original: the original span goes whole. */
class FoldedTest {
    private static final TextRedactor TEXT = TextRedactor.standard("US");

    @Test
    void asciiIsUsedAsItIs() {
        String s = "plain ascii 4471";
        assertSame(s, Folded.of(s).text());
    }

    @Test
    void fullWidthArabicIndicAndDevanagariDigitsFold() {
        assertEquals("4111 1111", Folded.fold("４１１１ ١١١١"));
        assertEquals("0123", Folded.fold("०१२३"));
        assertEquals("jane@example.org", Folded.fold("jane＠example.org"));
        assertEquals("DE89 3704", Folded.fold("DE89\u00A03704"));
        assertEquals("4111 1111", Folded.fold("4111\u202F1111"));
        assertEquals("41111111", Folded.fold("4111\u200B1111"));
        assertEquals("4111-1111", Folded.fold("4111\u20111111"));
    }

    @Test
    void theOriginalSpanIsReplacedWholeWithItsContextKept() {
        assertEquals("カード番号は[CREDIT_CARD]です", TEXT.redact("text", "カード番号は４１１１ １１１１ １１１１ １１１１です").text());
        assertEquals("رقم البطاقة [CREDIT_CARD]!", TEXT.redact("text", "رقم البطاقة ٤١١١ ١١١١ ١١١١ ١١١١!").text());
        assertEquals("mail [EMAIL] now", TEXT.redact("text", "mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ now").text());
        assertEquals("IBAN [IBAN].", TEXT.redact("text", "IBAN DE89\u00A03704\u00A00044\u00A00532\u00A00130\u00A000.").text());
        assertEquals("x [EMAIL] y", TEXT.redact("text", "x ja\u200Bne@exam\u200Bple.org y").text());
    }

    @Test
    void astralCharactersKeepOffsetsRight() {
        assertEquals("😀😀 [EMAIL] 😀", TEXT.redact("text", "😀😀 jane＠example.org 😀").text());
    }
}
