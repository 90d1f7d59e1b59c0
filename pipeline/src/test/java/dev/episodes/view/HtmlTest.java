package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void markupCharactersBecomeReferences() {
        assertEquals("&lt;/script&gt;&lt;img src=x onerror=&quot;a()&quot;&gt; &amp; &#39;b&#39; &#96;c&#96;",
                Html.escape("</script><img src=x onerror=\"a()\"> & 'b' `c`"));
    }

    @Test
    void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFD", Html.escape("a\u0000b\rc\u0085d\ud83d"));
        assertEquals("tab\tand\nline", Html.escape("tab\tand\nline"));
    }

    @Test
    void emojiAndRightToLeftTextStayWhole() {
        String s = "\u0645\u0631\u062d\u0628\u0627 \ud83d\udc4b\ud83c\udffd \u202egnp.exe";
        assertEquals(s, Html.escape(s));
        assertEquals("<bdi>" + s + "</bdi>", Html.bdi(s));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
