package kaizen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngCanvasTest {
    @TempDir
    Path dir;

    /** The font is the jar's own, not a logical font that draws nothing where the machine has no fonts. */
    @Test
    void textIsDrawnInTheBundledFont() throws Exception {
        Font font = PngCanvas.font(Font.BOLD, 15);
        assertEquals("DejaVu Sans", font.getFamily());
        assertEquals(15f, font.getSize2D());
        PngCanvas canvas = PngCanvas.white(200, 40);
        Graphics2D g = canvas.graphics();
        g.setColor(Color.BLACK);
        var missing = canvas.text(t -> {
            t.setFont(PngCanvas.font(Font.PLAIN, 12));
            t.drawString("held-out success 0.25", 5, 25);
        });
        assertEquals(java.util.Optional.empty(), missing);
        int dark = darkPixels(canvas.write(dir.resolve("t.png")));
        assertTrue(dark > 100, "the text's pixels: " + dark);
    }

    /**
     * Where the runtime cannot render fonts (the font manager's InternalError without libfontconfig),
     * the picture keeps what was drawn and the caller learns why its text is missing.
     */
    @Test
    void textThatCannotBeDrawnLeavesThePictureAndSaysWhy() throws Exception {
        PngCanvas canvas = PngCanvas.white(200, 40);
        Graphics2D g = canvas.graphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 20, 20);
        var missing = canvas.text(t -> {
            throw new InternalError("Fontconfig head is null, check your fonts or fonts configuration");
        });
        assertTrue(missing.orElseThrow().startsWith("drawn without its text: this Java runtime cannot render fonts"), missing.get());
        assertTrue(missing.get().contains("Fontconfig head is null"), missing.get());
        assertEquals(400, darkPixels(canvas.write(dir.resolve("t.png"))));
    }

    private static int darkPixels(Path file) throws Exception {
        BufferedImage png = ImageIO.read(file.toFile());
        int dark = 0;
        for (int x = 0; x < png.getWidth(); x++) {
            for (int y = 0; y < png.getHeight(); y++) dark += (png.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
        }
        return dark;
    }

    @Test
    void niceStepIsTheSmallestOneTwoOrFiveTimesAPowerOfTenNotBelowTheRawStep() {
        int[][] cases = {{1, 1}, {2, 2}, {3, 5}, {5, 5}, {6, 10}, {11, 20}, {13, 20}, {21, 50}, {67, 100}, {101, 200}, {4001, 5000}};
        for (int[] c : cases) assertEquals(c[1], PngCanvas.niceStep(c[0]), "niceStep(" + c[0] + ")");
    }
}
