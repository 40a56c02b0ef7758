package kaizen.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import kaizen.core.KaizenException;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.runner.EvalReport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How an evaluation runs (agent, concurrency, output, subset), shared by every eval command. */
final class RunOptions {
    @Option(names = "--agent", paramLabel = "KIND", defaultValue = "model",
            description = "model (an OpenAI-compatible endpoint, needs --model) or oracle (plays from the gold data). Default: ${DEFAULT-VALUE}.")
    String agent;

    @Mixin
    ModelOptions model;

    @Option(names = "--concurrency", defaultValue = "8", description = "Episodes in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/TASK-AGENT-TIME). Reuse it to resume.")
    Path out;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N tasks.")
    Integer limit;

    @Mixin
    ProgressOption progressBar;

    @Mixin
    DebugOption debug;

    /** The agent of a run: who answers each task, its name, and the client to close (none for the oracle). */
    record Agent<T>(Function<T, ChatModel> forTask, String name, Optional<OpenAiChatClient> client) implements AutoCloseable {
        @Override
        public void close() {
            client.ifPresent(OpenAiChatClient::close);
        }
    }

    void validate() {
        if (concurrency < 1) throw new KaizenException("--concurrency must be at least 1");
        if (limit != null && limit < 0) throw new KaizenException("--limit must not be negative");
    }

    <T> List<T> limited(List<T> tasks) {
        return limit == null ? tasks : tasks.subList(0, Math.min(limit, tasks.size()));
    }

    /** The agent --agent names: the model client, or {@code oracle} for each task. */
    <T> Agent<T> agent(Function<T, ChatModel> oracle) {
        return switch (agent) {
            case "oracle" -> new Agent<>(oracle, "oracle", Optional.empty());
            case "model" -> {
                OpenAiChatClient c = model.client();
                ChatModel m = model.budgeted(c);
                yield new Agent<>(t -> m, c.modelName(), Optional.of(c));
            }
            default -> throw new KaizenException("--agent must be model or oracle, not '" + agent + "'");
        };
    }

    /** --out, or runs/TASK-AGENT-TIME. */
    Path outDir(String task, String agentName) {
        return out != null ? out : Path.of("runs", task + "-" + agentName.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Prints what was finished, the headline metrics, and how to resume; the exit code (3 when incomplete). */
    static int report(EvalReport.Outcome o, int total, Map<String, ? extends Number> headline) {
        var s = o.summary();
        System.out.printf("finished %d/%d (this run %d, resumed %d, failed %d)%n", s.records().size(), total, s.ranNow(),
                s.skipped(), s.failed());
        for (var e : headline.entrySet()) System.out.printf("  %-28s %.4f%n", e.getKey(), e.getValue().doubleValue());
        System.out.println("metrics: " + o.metricsFile());
        if (s.complete(total)) return 0;
        System.out.println("incomplete: " + (total - s.records().size()) + " episodes not finished"
                + (s.lastError().isEmpty() ? "" : " (last error: " + s.lastError() + ")")
                + "; rerun with the same --out to resume");
        return 3;
    }

    /** The text-world headline: success_rate overall, then the success_rate of each group under kaizen.{@code groups}. */
    @SuppressWarnings("unchecked")
    static Map<String, Number> successHeadline(Map<String, Object> metrics, String groups) {
        Map<String, Number> out = new java.util.LinkedHashMap<>();
        Map<String, Object> overall = (Map<String, Object>) ((Map<String, Object>) metrics.get("custom")).get("overall");
        out.put("success_rate", (Number) overall.get("success_rate"));
        Map<String, Object> each = (Map<String, Object>) ((Map<String, Object>) metrics.get("kaizen")).get(groups);
        for (var e : each.entrySet()) out.put(e.getKey(), (Number) ((Map<String, Object>) e.getValue()).get("success_rate"));
        return out;
    }
}
