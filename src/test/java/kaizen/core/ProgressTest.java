package kaizen.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void knownTotalShowsBarRateAndTimeLeft() {
        Progress p = new Progress("episodes", 10, System.err, false, 0);
        for (int i = 0; i < 3; i++) p.succeeded();
        p.failed();
        p.detail("loss 0.5");
        assertEquals("episodes [############------------------] 4/10  2.0/s  failed 1  elapsed 2s  left 3s  loss 0.5",
                p.render(2 * SECOND));
    }

    @Test
    void unknownTotalShowsCountRateAndDetailReadWhenDrawn() {
        int[] kept = {0};
        Progress p = new Progress("spider", 0, System.err, false, 0);
        p.detail(() -> "kept " + kept[0]);
        for (int i = 0; i < 1500; i++) p.succeeded();
        kept[0] = 1200;
        assertEquals("spider 1,500  750.0/s  failed 0  elapsed 2s  kept 1200", p.render(2 * SECOND));
    }

    @Test
    void closingPrintsTheFinalLineOnceWhenNotOnATerminal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try (Progress p = new Progress("import", 0, out, true)) {
            p.succeeded();
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        // the first item prints (no line yet), closing prints the final state
        assertEquals(2, text.lines().count(), text);
        assertEquals(true, text.lines().allMatch(l -> l.startsWith("import 1  ")), text);
    }
}
