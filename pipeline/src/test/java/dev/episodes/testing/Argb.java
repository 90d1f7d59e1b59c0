package dev.episodes.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A picture's pixels as {@link BufferedImage#getRGB(int, int, int, int, int[], int, int)} gives them, row by
 * row, read straight from the bytes for the decoders' usual 3-byte BGR type: getRGB converts every pixel
 * through the colour model, and that made pixel-by-pixel comparisons of whole screenshots most of a test.
 */
public final class Argb {
    private Argb() {}

    public static int[] of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0 && buffer.getData().length == argb.length * 3) {
            byte[] px = buffer.getData();
            for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
                argb[i] = 0xFF000000 | (px[j + 2] & 0xFF) << 16 | (px[j + 1] & 0xFF) << 8 | (px[j] & 0xFF);
            }
        } else {
            image.getRGB(0, 0, w, h, argb, 0, w);
        }
        return argb;
    }
}
