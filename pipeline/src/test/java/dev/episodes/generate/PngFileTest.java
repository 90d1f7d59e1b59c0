package dev.episodes.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast encoder's PNGs decode, with ImageIO's own reader (which checks the zlib checksum), to the image. */
class PngFileTest {

    @ParameterizedTest
    @CsvSource({"1, 1, 0", "7, 1, 1", "1, 9, 2", "640, 480, 3", "333, 1025, 4", "2560, 1440, 5"})
    void decodesToThePixelsEncoded(int w, int h, int pattern) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Random rnd = new Random(pattern);
        for (int y = 0; y < h; y++) {
            // runs of identical rows of every length, noise rows and flat rows between them
            boolean repeat = y > 0 && rnd.nextInt(4) != 0;
            for (int x = 0; x < w; x++) {
                px[y * w + x] = repeat ? px[(y - 1) * w + x] : pattern % 2 == 0 ? rnd.nextInt() & 0xFFFFFF
                        : (x / 7 * 0x010203) & 0xFFFFFF;
            }
        }
        byte[] png = PngFile.encode(image);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
        int[] decoded = back.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] &= 0xFFFFFF;
        }
        assertArrayEquals(px, decoded);
    }
}
