package kaizen.train;

import java.io.PrintStream;
import java.util.Locale;
import kaizen.core.JsonlAppender;
import kaizen.core.Progress;

/**
 * Follows the worker's events: each step goes to DIR/metrics.jsonl (fsynced) and the progress
 * bar; checkpoints, the quantization used and the final outputs go to run.json as they happen, so
 * a crash of either process never loses the record of a finished checkpoint.
 */
final class WorkerMonitor implements AutoCloseable {
    private final java.nio.file.Path dir;
    private final JsonlAppender metrics;
    private final PrintStream err;
    private final boolean showProgress;
    private Progress progress;
    private RunRecord record;
    private boolean done;
    private long lastStep;

    WorkerMonitor(java.nio.file.Path dir, RunRecord record, PrintStream err, boolean showProgress) {
        this.dir = dir;
        this.record = record;
        this.err = err;
        this.showProgress = showProgress;
        this.metrics = new JsonlAppender(dir.resolve(MetricsLog.FILE));
    }

    void accept(WorkerEvent event) {
        switch (event) {
            case WorkerEvent.Start s -> {
                record = record.withQuantization(s.quantization());
                record.write(dir);
                progress = new Progress(record.kind(), (int) s.steps(), err, showProgress);
                if (record.checkpointStep() > 0) progress.resumedAt((int) record.checkpointStep());
            }
            case WorkerEvent.Step s -> {
                s.raw().remove("event");
                metrics.append(s.raw());
                lastStep = s.step();
                if (progress != null) {
                    progress.detail(String.format(Locale.ROOT, "loss %.4f  lr %.2e  %.0f tok/s", s.loss(), s.lr(), s.tokensPerSecond()));
                    progress.succeeded();
                }
            }
            case WorkerEvent.Checkpoint c -> {
                record = record.withCheckpoint(c.step(), c.path());
                record.write(dir);
            }
            case WorkerEvent.Resumed r -> err.println("resuming from " + r.checkpoint() + " (step " + r.step() + ")");
            case WorkerEvent.Notice n -> err.println("worker: " + n.message());
            case WorkerEvent.Done d -> {
                record = record.withOutputs(d.adapter(), d.merged());
                done = true;
            }
            case WorkerEvent.Stopped s -> err.println("worker stopped after step " + s.step() + " as asked");
            case WorkerEvent.Other o -> { }
        }
    }

    RunRecord record() {
        return record;
    }

    boolean done() {
        return done;
    }

    long lastStep() {
        return lastStep;
    }

    @Override
    public void close() {
        if (progress != null) progress.close();
        metrics.close();
    }
}
