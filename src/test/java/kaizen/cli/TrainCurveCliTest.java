package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCurveCliTest {
    @TempDir
    Path dir;

    @Test
    void redrawsTheCurveOfARunCutOffBeforeItsEnd() throws Exception {
        // lines as the GPU run of 2026-11-25 wrote them (fields the plot does not read left out)
        Files.writeString(dir.resolve("metrics.jsonl"), """
                {"step":1,"episodes":32,"reward_mean":0.2604,"reward_std":0.3806,"success_rate":0.1875,"turns":14.7}
                {"step":2,"episodes":32,"reward_mean":0.2188,"reward_std":0.3722,"success_rate":0.1563,"turns":15.9}
                {"step":3,"episodes":32,"reward_mean":0.3229,"reward_std":0.4166,"success_rate":0.2813,"turns":13.8}
                """);
        Files.writeString(dir.resolve("eval.jsonl"), """
                {"step":0,"episodes":64,"reward_mean":0.2773,"success_rate":0.2031}
                {"step":3,"episodes":64,"reward_mean":0.3268,"success_rate":0.2656}
                """);
        CliRun r = CliRun.of("train", "curve", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("curve.png"), r.out());
        BufferedImage img = ImageIO.read(dir.resolve("curve.png").toFile());
        assertEquals(900, img.getWidth());
        assertTrue(hasColour(img, 0x2e933c), "held-out success points are drawn");
        assertTrue(hasColour(img, 0xd1495b), "rollout success rate is drawn");
    }

    @Test
    void aFolderWithoutMetricsIsOneLineNamingIt() {
        CliRun r = CliRun.of("train", "curve", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dir + " has no metrics.jsonl"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(dir.resolve("curve.png")));
    }

    private static boolean hasColour(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) return true;
            }
        }
        return false;
    }
}
