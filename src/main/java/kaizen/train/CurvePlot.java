package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.PngCanvas;

/**
 * DIR/curve.png from metrics.jsonl and eval.jsonl: per training step the reward mean and success
 * rate of the rollouts (thin, with a 10-step running mean drawn thick), and the held-out success
 * rate at each evaluation (dots joined): greedy, and where the run samples the held-out tasks too
 * ({@code tasks.held_out_samples}), at the training temperature (squares). All are in [0, 1], so
 * one axis serves.
 */
final class CurvePlot {
    static final String FILE = "curve.png";
    private static final int WIDTH = 900, HEIGHT = 500, LEFT = 60, RIGHT = 190, TOP = 50, BOTTOM = 50;
    private static final Color REWARD = new Color(0x3b6ea5), SUCCESS = new Color(0xd1495b), HELD_OUT = new Color(0x2e933c),
            HELD_OUT_SAMPLED = new Color(0x8cc084);

    private CurvePlot() {}

    /** Draws DIR/curve.png; a picture drawn without its text (see {@link PngCanvas#text}) is reported on {@code warnings}. */
    static Path write(Path dir, PrintStream warnings) {
        List<double[]> train = points(records(dir.resolve(MetricsLog.FILE)), "/reward_mean", "/success_rate");
        List<JsonNode> evals = records(dir.resolve(GrpoRun.EVAL_FILE));
        List<double[]> held = points(evals, "/success_rate");
        List<double[]> sampled = points(evals, "/sampled/success_rate");
        double maxStep = 1;
        for (List<double[]> series : List.of(train, held, sampled)) {
            for (double[] p : series) maxStep = Math.max(maxStep, p[0]);
        }
        PngCanvas canvas = PngCanvas.white(WIDTH, HEIGHT);
        Graphics2D g = canvas.graphics();
        Frame f = new Frame(maxStep);
        g.setColor(new Color(0xdddddd));
        for (int t = 0; t <= 10; t++) g.drawLine(LEFT, f.y(t / 10.0), WIDTH - RIGHT, f.y(t / 10.0));
        line(g, f, train, 1, REWARD, 1f);
        line(g, f, train, 2, SUCCESS, 1f);
        line(g, f, smooth(train, 1, 10), 1, REWARD, 3f);
        line(g, f, smooth(train, 2, 10), 2, SUCCESS, 3f);
        line(g, f, sampled, 1, HELD_OUT_SAMPLED, 2.5f);
        g.setColor(HELD_OUT_SAMPLED);
        for (double[] p : sampled) g.fillRect(f.x(p[0]) - 5, f.y(p[1]) - 5, 10, 10);
        line(g, f, held, 1, HELD_OUT, 2.5f);
        g.setColor(HELD_OUT);
        for (double[] p : held) g.fillOval(f.x(p[0]) - 5, f.y(p[1]) - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, f.y(0), WIDTH - RIGHT, f.y(0));
        g.drawLine(LEFT, f.y(0), LEFT, f.y(1));
        Path png = dir.resolve(FILE);
        canvas.text(t -> labels(t, f, !sampled.isEmpty())).ifPresent(why -> warnings.println("warning: " + png + " " + why));
        return canvas.write(png);
    }

    private record Frame(double maxStep) {
        int x(double step) {
            return LEFT + (int) Math.round(step / maxStep * (WIDTH - LEFT - RIGHT));
        }

        int y(double v) {
            return TOP + (int) Math.round((1 - Math.clamp(v, 0, 1)) * (HEIGHT - TOP - BOTTOM));
        }
    }

    /** The title, axis numbers and legend, in the jar's font (PngCanvas.font). */
    private static void labels(Graphics2D g, Frame f, boolean withSampled) {
        g.setFont(PngCanvas.font(Font.BOLD, 15));
        g.drawString("GRPO: rollouts and held-out success", LEFT, 28);
        g.setFont(PngCanvas.font(Font.PLAIN, 12));
        for (int t = 0; t <= 5; t++) g.drawString(String.format(Locale.ROOT, "%.1f", t / 5.0), LEFT - 30, f.y(t / 5.0) + 4);
        for (long step : stepTicks(f.maxStep())) g.drawString(Long.toString(step), f.x(step) - 8, HEIGHT - BOTTOM + 18);
        g.drawString("step", (WIDTH - RIGHT + LEFT) / 2, HEIGHT - 12);
        int y = TOP + 10;
        List<java.util.Map.Entry<String, Color>> legend = new ArrayList<>(List.of(java.util.Map.entry("reward mean", REWARD),
                java.util.Map.entry("success (rollouts)", SUCCESS), java.util.Map.entry("held-out success", HELD_OUT)));
        if (withSampled) legend.add(java.util.Map.entry("held-out, sampled", HELD_OUT_SAMPLED));
        for (var e : legend) {
            g.setColor(e.getValue());
            g.fillRect(WIDTH - RIGHT + 15, y - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), WIDTH - RIGHT + 35, y);
            y += 20;
        }
    }

    /** Round steps (0, 10, 20, ... or 0, 50, 100, ...) up to the last one: about five, at 1, 2 or 5 times a power of ten. */
    static List<Long> stepTicks(double maxStep) {
        long every = PngCanvas.niceStep((int) Math.ceil(maxStep / 6));
        List<Long> ticks = new ArrayList<>();
        for (long step = 0; step <= maxStep; step += every) ticks.add(step);
        return ticks;
    }

    private static void line(Graphics2D g, Frame f, List<double[]> pts, int k, Color c, float width) {
        g.setColor(c);
        g.setStroke(new BasicStroke(width));
        for (int i = 1; i < pts.size(); i++) {
            g.drawLine(f.x(pts.get(i - 1)[0]), f.y(pts.get(i - 1)[k]), f.x(pts.get(i)[0]), f.y(pts.get(i)[k]));
        }
    }

    /** Running mean over the last {@code window} points of column k (other columns copied). */
    static List<double[]> smooth(List<double[]> pts, int k, int window) {
        List<double[]> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < pts.size(); i++) {
            sum += pts.get(i)[k];
            if (i >= window) sum -= pts.get(i - window)[k];
            double[] p = pts.get(i).clone();
            p[k] = sum / Math.min(i + 1, window);
            out.add(p);
        }
        return out;
    }

    private static List<JsonNode> records(Path file) {
        return Files.exists(file) ? Jsonl.readLog(file).stream().map(JsonlRecord::node).toList() : List.of();
    }

    /** (step, value at each JSON pointer) of every record that has the first pointer's value. */
    private static List<double[]> points(List<JsonNode> records, String... pointers) {
        List<double[]> out = new ArrayList<>();
        for (JsonNode r : records) {
            if (r.at(pointers[0]).isMissingNode()) continue;
            double[] p = new double[pointers.length + 1];
            p[0] = r.path("step").asDouble();
            for (int i = 0; i < pointers.length; i++) p[i + 1] = r.at(pointers[i]).asDouble();
            out.add(p);
        }
        return out;
    }
}
