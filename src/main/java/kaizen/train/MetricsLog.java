package kaizen.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import kaizen.core.Json;
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
        List<JsonlRecord> kept = Jsonl.readLog(file).stream()
                .filter(r -> r.node().path("step").asLong(Long.MAX_VALUE) <= step).toList();
        StringBuilder sb = new StringBuilder();
        for (JsonlRecord r : kept) sb.append(Json.write(r.node())).append('\n');
        try {
            Path tmp = runDir.resolve(name + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }
}
