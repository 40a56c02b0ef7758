package kaizen.core;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A one-line progress bar on stderr: done/total, rate, failures and time left; for work of unknown
 * size (a total of 0: records streamed from a file) the count, rate and elapsed time only. On a
 * terminal it redraws in place; otherwise (logs, CI) it prints a line at most every 10 seconds.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile long lastPrintNanos;
    private final boolean enabled;
    private volatile int resumedAt;
    private volatile Supplier<String> detail = () -> "";

    public Progress(String label, int total, PrintStream out, boolean enabled) {
        this(label, total, out, enabled, System.nanoTime());
    }

    Progress(String label, int total, PrintStream out, boolean enabled, long startNanos) {
        this.startNanos = startNanos;
        this.label = label;
        this.total = total;
        this.out = out;
        this.enabled = enabled;
        this.interactive = System.console() != null;
    }

    /** Counts {@code n} items as done before this run (a resumed job): shown, but not in the rate. */
    public void resumedAt(int n) {
        resumedAt = n;
        done.set(n);
    }

    /** Extra figures shown after the counts (a trainer's loss and learning rate, say). */
    public void detail(String text) {
        detail = () -> text;
    }

    /** Extra figures read each time the line is drawn (counts that change with every item). */
    public void detail(Supplier<String> text) {
        detail = text;
    }

    public void succeeded() {
        done.incrementAndGet();
        maybePrint(false);
    }

    public void failed() {
        failed.incrementAndGet();
        maybePrint(false);
    }

    private synchronized void maybePrint(boolean force) {
        if (!enabled) return;
        long now = System.nanoTime();
        long gap = interactive ? 100_000_000L : 10_000_000_000L;
        boolean finished = total > 0 && done.get() + failed.get() >= total;
        if (!force && now - lastPrintNanos < gap && !finished) return;
        lastPrintNanos = now;
        String line = render(now);
        if (interactive) out.print("\r" + line + "\u001b[K");
        else out.println(line);
        out.flush();
    }

    String render(long now) {
        int d = done.get();
        int f = failed.get();
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = (d + f - resumedAt) / secs;
        String extra = detail.get();
        extra = extra.isEmpty() ? "" : "  " + extra;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s %,d  %.1f/s  failed %d  elapsed %s%s",
                    label, d + f, rate, f, formatSeconds(secs), extra);
        }
        int width = 30;
        int filled = (int) Math.round(width * (double) (d + f) / total);
        String bar = "#".repeat(Math.min(width, filled)) + "-".repeat(Math.max(0, width - filled));
        String eta = rate > 0 ? formatSeconds((total - d - f) / rate) : "?";
        return String.format(Locale.ROOT, "%s [%s] %d/%d  %.1f/s  failed %d  elapsed %s  left %s%s",
                label, bar, d + f, total, rate, f, formatSeconds(secs), eta, extra);
    }

    static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    @Override
    public void close() {
        if (!enabled) return;
        maybePrint(true);
        if (interactive) out.println();
    }
}
