package kaizen.core;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A white picture drawn with Java2D, headless (no display on servers or CI), saved as PNG: the
 * one set-up of Kaizen's charts (dataset card histograms, GRPO curves).
 */
public final class PngCanvas {
    private final BufferedImage image;
    private final Graphics2D graphics;

    private PngCanvas(int width, int height) {
        System.setProperty("java.awt.headless", "true");
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
    }

    public static PngCanvas white(int width, int height) {
        return new PngCanvas(width, height);
    }

    public Graphics2D graphics() {
        return graphics;
    }

    /** Ends drawing and writes the picture; returns {@code png}. */
    public Path write(Path png) {
        graphics.dispose();
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new KaizenException("cannot write " + png + ": " + e.getMessage(), e);
        }
        return png;
    }
}
