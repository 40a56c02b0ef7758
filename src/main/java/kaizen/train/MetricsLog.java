package kaizen.train;

import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;

/** DIR/metrics.jsonl: one line per optimizer step, as the worker reported it. */
final class MetricsLog {
    static final String FILE = "metrics.jsonl";

    private MetricsLog() {}

    /**
     * Before a resume from {@code step}: keeps the lines of steps up to it and drops later ones
     * (the resumed worker computes them again), so every step appears once.
     */
    static void keepUpTo(Path runDir, long step) {
        keepUpTo(runDir, FILE, step);
    }

    /** {@link #keepUpTo(Path, long)} for another per-step log of the run folder. */
    static void keepUpTo(Path runDir, String name, long step) {
        Path file = runDir.resolve(name);
        if (!Files.exists(file)) return;
        Jsonl.writeAll(file, Jsonl.readLog(file).stream().map(JsonlRecord::node)
                .filter(n -> n.path("step").asLong(Long.MAX_VALUE) <= step).toList());
    }
}
