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
        g.setFont(PngCanvas.font(Font.PLAIN, 12));
        g.drawString("held-out success 0.25", 5, 25);
        BufferedImage png = ImageIO.read(canvas.write(dir.resolve("t.png")).toFile());
        int dark = 0;
        for (int x = 0; x < png.getWidth(); x++) {
            for (int y = 0; y < png.getHeight(); y++) dark += (png.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
        }
        assertTrue(dark > 100, "the text's pixels: " + dark);
    }
}
