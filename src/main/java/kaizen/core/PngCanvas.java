package kaizen.core;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A white picture drawn with Java2D, headless (no display on servers or CI), saved as PNG: the
 * one set-up of Kaizen's charts (dataset card histograms, GRPO curves). Text is drawn in the
 * DejaVu Sans that the jar carries ({@link #font}): on a machine without system fonts (the GPU
 * machine's image) Java's logical fonts draw nothing, and a curve came back with no title, axis
 * numbers or legend. Where the runtime cannot render text at all, {@link #text} keeps the picture
 * and says why its text is missing.
 */
public final class PngCanvas {
    private static final String FONT = "fonts/DejaVuSans.ttf";
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

    /** The charts' font (DejaVu Sans, from the jar) in {@code style} ({@link Font#PLAIN}, {@link Font#BOLD}) and {@code size} points. */
    public static Font font(int style, float size) {
        return Bundled.SANS.deriveFont(style, size);
    }

    private static final class Bundled {
        static final Font SANS = load();

        private static Font load() {
            try (InputStream in = PngCanvas.class.getResourceAsStream(FONT)) {
                if (in == null) throw new IllegalStateException("the jar lacks kaizen/core/" + FONT);
                return Font.createFont(Font.TRUETYPE_FONT, in);
            } catch (IOException | FontFormatException e) {
                throw new IllegalStateException("cannot read kaizen/core/" + FONT + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Draws the picture's text with {@code labels}. Where this Java runtime cannot render fonts, the
     * picture keeps what was drawn before and the returned message says why its text is missing: on
     * Linux Java's font manager starts through libfontconfig, and without that library ("Fontconfig
     * head is null") it fails even for the jar's font unless the runtime has a lib/fontconfig.properties
     * (worker/gpu/make_jre.sh writes one into the GPU machine's JRE).
     */
    public Optional<String> text(Consumer<Graphics2D> labels) {
        try {
            labels.accept(graphics);
            return Optional.empty();
        } catch (RuntimeException | Error e) { // Error: the font manager's InternalError or a missing native library
            return Optional.of("drawn without its text: this Java runtime cannot render fonts (" + e + ")");
        }
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

    /** 1, 2 or 5 times a power of ten, at least {@code raw}: axis ticks and bin edges a reader can add up. */
    public static int niceStep(int raw) {
        for (long p = 1; ; p *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                if (m * p >= raw) return (int) (m * p);
            }
        }
    }
}
