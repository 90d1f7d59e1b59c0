package dev.episodes.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Enum constants in state are pinned codes: a table missing a constant, or an unknown code, is an error. */
class WireCodesTest {
    enum Colour { RED, GREEN, BLUE }

    @Test
    void codesFollowTheTableNotTheDeclarationOrder() throws IOException {
        WireCodes<Colour> codes = WireCodes.pin(Colour.class, Colour.BLUE, Colour.RED, Colour.GREEN);
        assertEquals(0, codes.code(Colour.BLUE));
        assertEquals(2, codes.code(Colour.GREEN));
        assertEquals(Colour.RED, codes.of(1));
        assertEquals(-1, codes.codeOrNone(null));
        assertNull(codes.ofOrNone(-1));
    }

    @Test
    void aTableWithoutEveryConstantOrWithOneTwiceFails() {
        var missing = assertThrows(IllegalStateException.class, () -> WireCodes.pin(Colour.class, Colour.RED, Colour.GREEN));
        assertTrue(missing.getMessage().contains("BLUE") && missing.getMessage().contains("append"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> WireCodes.pin(Colour.class, Colour.RED, Colour.GREEN, Colour.RED,
                Colour.BLUE));
    }

    @Test
    void anUnknownCodeIsAnIoErrorNotAWrongConstant() {
        WireCodes<Colour> codes = WireCodes.pin(Colour.class, Colour.RED, Colour.GREEN, Colour.BLUE);
        IOException e = assertThrows(IOException.class, () -> codes.of(3));
        assertTrue(e.getMessage().contains("Colour code 3"), e.getMessage());
        assertThrows(IOException.class, () -> codes.of(-2));
    }

    @Test
    void anEventOfAKindCodeFromANewerBuildIsRefused() {
        byte[] bytes = {9, 0, 0, 0, 0};
        IOException e = assertThrows(IOException.class,
                () -> EventIO.read(new DataInputStream(new ByteArrayInputStream(bytes))));
        assertTrue(e.getMessage().contains("Kind code 9"), e.getMessage());
    }

    @Test
    void todaysCodesAreTheOrdinalsStateWasFirstWrittenWith() {
        // Pinned so that state written with ordinals before the tables existed reads unchanged.
        for (MouseEvent.Button b : MouseEvent.Button.values()) {
            assertEquals(b.ordinal(), EventIO.BUTTONS.code(b));
        }
        assertEquals(RawEvent.Kind.values().length, 4);
    }
}
