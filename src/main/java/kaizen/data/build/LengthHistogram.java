package kaizen.data.build;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import kaizen.core.PngCanvas;

/** A length histogram drawn as a PNG with Java2D (headless), for the dataset card. */
final class LengthHistogram {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;
    private static final int BINS = 30;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int PLOT_W = WIDTH - LEFT - RIGHT;
    private static final int PLOT_H = HEIGHT - TOP - BOTTOM;

    /** Median, 95th percentile and maximum of the lengths, for the card's table. */
    record Summary(int count, int median, int p95, int max) {
        static Summary of(int[] lengths) {
            if (lengths.length == 0) return new Summary(0, 0, 0, 0);
            int[] s = lengths.clone();
            Arrays.sort(s);
            return new Summary(s.length, s[(s.length - 1) / 2], s[(int) Math.ceil(0.95 * s.length) - 1], s[s.length - 1]);
        }
    }

    private LengthHistogram() {}

    /** Draws the histogram into {@code png}; a picture drawn without its text (see {@link PngCanvas#text}) is reported on {@code warnings}. */
    static void draw(Path png, String title, String unit, int[] lengths, PrintStream warnings) {
        Summary sum = Summary.of(lengths);
        int max = Math.max(1, sum.max());
        int binWidth = PngCanvas.niceStep(Math.max(1, (int) Math.ceil((double) (max + 1) / BINS)));
        int bins = Math.max(1, (max / binWidth) + 1);
        int[] counts = new int[bins];
        for (int l : lengths) counts[l / binWidth]++;
        int top = Math.max(1, Arrays.stream(counts).max().orElse(1));

        PngCanvas canvas = PngCanvas.white(WIDTH, HEIGHT);
        Graphics2D g = canvas.graphics();
        g.setColor(new Color(0x3b6ea5));
        double barW = (double) PLOT_W / bins;
        for (int i = 0; i < bins; i++) {
            int h = (int) Math.round((double) counts[i] / top * PLOT_H);
            g.fillRect(LEFT + (int) Math.round(i * barW) + 1, TOP + PLOT_H - h, Math.max(1, (int) Math.round(barW) - 2), h);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H);
        g.drawLine(LEFT, TOP, LEFT, TOP + PLOT_H);
        canvas.text(t -> labels(t, title, unit, sum, bins, binWidth, top))
                .ifPresent(why -> warnings.println("warning: " + png + " " + why));
        canvas.write(png);
    }

    /** Title, summary line, axis ticks and names, in the jar's font (PngCanvas.font). */
    private static void labels(Graphics2D g, String title, String unit, Summary sum, int bins, int binWidth, int top) {
        g.setFont(PngCanvas.font(Font.BOLD, 16));
        g.drawString(title, LEFT, 24);
        g.setFont(PngCanvas.font(Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "n = %d   median %d   p95 %d   max %d %s", sum.count(), sum.median(), sum.p95(), sum.max(), unit), LEFT, 42);
        FontMetrics fm = g.getFontMetrics();
        int ticks = 5;
        for (int t = 0; t <= ticks; t++) {
            int x = LEFT + PLOT_W * t / ticks;
            String label = Integer.toString(bins * binWidth * t / ticks);
            g.drawLine(x, TOP + PLOT_H, x, TOP + PLOT_H + 5);
            g.drawString(label, x - fm.stringWidth(label) / 2, TOP + PLOT_H + 20);
            int y = TOP + PLOT_H - PLOT_H * t / ticks;
            String count = Integer.toString((int) Math.round((double) top * t / ticks));
            g.drawLine(LEFT - 5, y, LEFT, y);
            g.drawString(count, LEFT - 8 - fm.stringWidth(count), y + 4);
        }
        String xLabel = "length (" + unit + "), bins of " + binWidth;
        g.drawString(xLabel, LEFT + (PLOT_W - fm.stringWidth(xLabel)) / 2, HEIGHT - 18);
        g.rotate(-Math.PI / 2);
        g.drawString("examples", -(TOP + PLOT_H / 2 + fm.stringWidth("examples") / 2), 18);
    }
}
