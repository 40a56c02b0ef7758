package kaizen.harness.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import kaizen.core.Json;
import kaizen.core.KaizenException;

/**
 * What every evaluation writes besides episodes.jsonl: {@code DIR/metrics.json} with AgentBench's
 * overall.json fields (total, validation, the task's custom block) and Kaizen's counts under "kaizen".
 */
public final class EvalReport {
    public static final String METRICS = "metrics.json";

    /** A finished run: what the runner did, the metrics written and where. */
    public record Outcome(EpisodeRunner.Summary summary, Map<String, Object> metrics, Path metricsFile) {}

    private EvalReport() {}

    public static void createOutDir(Path outDir) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new KaizenException("cannot create output folder " + outDir + ": " + e.getMessage());
        }
    }

    /** AgentBench's overall.json: total, validation and the task's calculate_overall, then Kaizen's block. */
    public static Map<String, Object> overall(Collection<EpisodeRecord> done, Object custom, Map<String, Object> kaizen) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", done.size());
        out.put("validation", Validation.of(done));
        out.put("custom", custom);
        out.put("kaizen", kaizen);
        return out;
    }

    /**
     * Kaizen's counts: tasks, finished, complete, failed_this_run, agent, the task's own settings
     * ({@code extra}), correct, written_at.
     */
    public static Map<String, Object> kaizenCounts(int tasks, Collection<EpisodeRecord> done, EpisodeRunner.Summary summary,
            String agent, Map<String, Object> extra) {
        return kaizenCounts(tasks, done, summary.failed(), agent, extra);
    }

    /** {@link #kaizenCounts} of episodes played outside an {@link EpisodeRunner} (GRPO's held-out evaluations). */
    public static Map<String, Object> kaizenCounts(int tasks, Collection<EpisodeRecord> done, int failedThisRun, String agent,
            Map<String, Object> extra) {
        Map<String, Object> kz = new LinkedHashMap<>();
        kz.put("tasks", tasks);
        kz.put("finished", done.size());
        kz.put("complete", done.size() == tasks);
        kz.put("failed_this_run", failedThisRun);
        kz.put("agent", agent);
        kz.putAll(extra);
        kz.put("correct", done.stream().filter(EpisodeRecord::correct).count());
        kz.put("written_at", Instant.now().toString());
        return kz;
    }

    /**
     * AgentBench alfworld's calculate_overall block: total, pass (episodes won), wrong, success_rate
     * (0 when empty); Kaizen's household evaluation reports the same block.
     */
    public static Map<String, Object> successRate(int total, long pass) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("pass", pass);
        out.put("wrong", total - pass);
        out.put("success_rate", total == 0 ? 0.0 : (double) pass / total);
        return out;
    }

    /** {@link #successRate} of these episodes (pass = correct). */
    public static Map<String, Object> successRate(Collection<EpisodeRecord> done) {
        return successRate(done.size(), done.stream().filter(EpisodeRecord::correct).count());
    }

    /**
     * The success block of each group (task type, family) in {@code order} that the run's tasks
     * include, over the finished episodes of that group.
     *
     * @param groupOf the group of the task at each index
     */
    public static <G> Map<String, Object> successBy(List<G> groupOf, List<G> order, Function<G, String> name, Collection<EpisodeRecord> done) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (G g : order) {
            if (!groupOf.contains(g)) continue;
            out.put(name.apply(g), successRate(done.stream().filter(r -> r.index() < groupOf.size() && groupOf.get(r.index()).equals(g)).toList()));
        }
        return out;
    }

    /** Writes {@code DIR/metrics.json} (pretty JSON) and returns the run's outcome. */
    public static Outcome write(Path outDir, EpisodeRunner.Summary summary, Map<String, Object> metrics) {
        return new Outcome(summary, metrics, writeMetrics(outDir, metrics));
    }

    /** Writes {@code DIR/metrics.json} (pretty JSON) and returns its path. */
    public static Path writeMetrics(Path outDir, Map<String, Object> metrics) {
        Path file = outDir.resolve(METRICS);
        try {
            Files.writeString(file, Json.writePretty(metrics) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
