package dev.episodes.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void longValuesAreCutToTheirColumnAndShortOnesPadded() {
        assertEquals("abcdefg...", TerminalText.fit("abcdefghijklmnop", 10));
        assertEquals("short", TerminalText.fit("short", 10));
        assertEquals("ab   ", TerminalText.left("ab", 5));
        assertEquals("   42", TerminalText.right("42", 5));
        assertEquals("日本語...", TerminalText.fit("日本語のタイトルです", 6), "characters, not bytes");
    }

    @Test
    void controlAndBidiCharactersBecomeEscapes() {
        assertEquals("a\\tb\\nc\\u001b[31m\\u202ed", TerminalText.safe("a\tb\nc\u001b[31m\u202ed"));
        assertEquals("", TerminalText.safe(null));
    }

    @Test
    void listsWrapUnderTheirLabelWithoutCuttingItems() {
        assertEquals("""
                steps  click 91, double_click 8,
                       drag 12""".stripIndent(),
                TerminalText.wrapped("steps  ", List.of("click 91", "double_click 8", "drag 12"), 34));
        assertEquals("steps  -", TerminalText.wrapped("steps  ", List.of(), 34));
    }

    @Test
    void sizesAndDurationsReadAsPeopleSayThem() {
        assertEquals("812 B", ByteSize.of(812));
        assertEquals("18.7 KiB", ByteSize.of(19_145));
        assertEquals("1.2 GiB", ByteSize.of(1_288_490_189L));
        assertEquals("850ms", TimeText.duration(850_000));
        assertEquals("42.5s", TimeText.duration(42_500_000));
        assertEquals("14m32s", TimeText.duration((14 * 60 + 32) * 1_000_000L));
        assertEquals("1h05m", TimeText.duration(65 * 60 * 1_000_000L));
        assertEquals("+01:02.003", TimeText.offset(62_003_000));
    }
}
