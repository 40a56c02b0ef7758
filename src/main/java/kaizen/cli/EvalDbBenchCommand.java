package kaizen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import kaizen.core.KaizenException;
import kaizen.env.db.ConnectorMode;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.dbbench.DbBenchOracle;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dbbench", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on DBBench tasks (AgentBench format) with the reference's protocol and metrics.",
            "Each task gets its own database on a MySQL-compatible server: the embedded MariaDB by default,",
            "or --db-url. Results go to DIR/episodes.jsonl (transcripts, appended as episodes finish) and",
            "DIR/metrics.json (AgentBench's overall.json fields). Rerun with the same --out to resume."},
        footer = {"", "Examples:",
            "  kaizen eval dbbench --agent oracle",
            "  kaizen eval dbbench --model http://localhost:8000/v1 --model-name Qwen/Qwen2.5-7B-Instruct --concurrency 32 --out runs/qwen25"})
final class EvalDbBenchCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "FILE", description = "Task file, JSONL or JSON array (default: ${DEFAULT-VALUE}).",
            defaultValue = "../shared/data/dbbench/dev.jsonl")
    Path data;

    @Option(names = "--agent", paramLabel = "KIND", defaultValue = "model",
            description = "model (an OpenAI-compatible endpoint, needs --model) or oracle (answers from the gold data). Default: ${DEFAULT-VALUE}.")
    String agent;

    @Option(names = "--model", paramLabel = "URL", description = "OpenAI-compatible base URL, e.g. http://localhost:8000/v1.")
    String modelUrl;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Model name sent in requests (default: the endpoint's first model).")
    String modelName;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Bearer key (default: $KAIZEN_API_KEY or $OPENAI_API_KEY).")
    String apiKey;

    @Option(names = "--concurrency", defaultValue = "8", description = "Episodes in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/dbbench-AGENT-TIME). Reuse it to resume.")
    Path out;

    @Option(names = "--max-round", defaultValue = "" + DbBenchEpisode.DEFAULT_MAX_ROUND,
            description = "SQL rounds before 'task limit reached' (AgentBench config: ${DEFAULT-VALUE}).")
    int maxRound;

    @CommandLine.Mixin
    DbServerOptions db;

    @Option(names = "--sql-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Kill an agent's statement after this long (default: ${DEFAULT-VALUE}).")
    int sqlTimeout;

    @Option(names = "--connector", defaultValue = "8", paramLabel = "VERSION",
            description = "mysql-connector-python behaviour to reproduce: 8 (statements run) or 9.2 (multi=True rejected). Default: ${DEFAULT-VALUE}.")
    String connector;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature (AgentBench: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Completion length limit (AgentBench: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--request-timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per model call (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(names = "--retries", defaultValue = "6", description = "Attempts per model call on 429/5xx/timeouts (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N tasks.")
    Integer limit;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--debug", description = "Show stack traces.")
    boolean debug;

    @Override
    public Integer call() {
        if (concurrency < 1) throw new KaizenException("--concurrency must be at least 1");
        if (maxRound < 0) throw new KaizenException("--max-round must not be negative");
        if (!Files.exists(data)) {
            throw new KaizenException(data + ": no such file (give the DBBench task file with --data FILE)");
        }
        List<DbBenchTask> tasks = DbBenchTask.load(data);
        if (limit != null) tasks = tasks.subList(0, Math.min(limit, tasks.size()));
        ConnectorMode mode = switch (connector) {
            case "8", "8.x", "v8" -> ConnectorMode.V8;
            case "9", "9.2", "9.x", "v9" -> ConnectorMode.V9_2;
            default -> throw new KaizenException("--connector must be 8 or 9.2, not '" + connector + "'");
        };
        Function<DbBenchTask, ChatModel> agentFor;
        String agentName;
        OpenAiChatClient client = null;
        switch (agent) {
            case "oracle" -> {
                agentFor = DbBenchOracle::new;
                agentName = "oracle";
            }
            case "model" -> {
                if (modelUrl == null) throw new KaizenException("--agent model needs --model URL (or use --agent oracle)");
                client = buildClient();
                OpenAiChatClient c = client;
                agentFor = t -> c;
                agentName = client.modelName();
            }
            default -> throw new KaizenException("--agent must be model or oracle, not '" + agent + "'");
        }
        Path outDir = out != null ? out : Path.of("runs", "dbbench-" + agentName.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.err.println("kaizen: " + tasks.size() + " DBBench tasks from " + data + ", agent " + agentName + ", out " + outDir);
        try (DbServer server = db.start();
                DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT
                        .withStatementTimeout(Duration.ofSeconds(sqlTimeout)).withConnectorMode(mode))) {
            System.err.println("kaizen: database " + server.describe());
            DbBenchEval.Outcome outcome = DbBenchEval.run(tasks, env, agentFor,
                    new DbBenchEval.Settings(outDir, concurrency, maxRound, !noProgress, agentName));
            printSummary(outcome, tasks.size());
            return outcome.summary().complete(tasks.size()) ? 0 : 3;
        } finally {
            if (client != null) client.close();
        }
    }

    private OpenAiChatClient buildClient() {
        String key = apiKey != null ? apiKey : System.getenv().getOrDefault("KAIZEN_API_KEY", System.getenv("OPENAI_API_KEY"));
        String name = modelName;
        if (name == null) {
            try (OpenAiChatClient probe = OpenAiChatClient.builder(modelUrl, "probe").apiKey(key).build()) {
                List<String> models = probe.listModels();
                if (models.isEmpty()) throw new KaizenException(modelUrl + " lists no models; give --model-name");
                name = models.getFirst();
            }
        }
        return OpenAiChatClient.builder(modelUrl, name).apiKey(key).temperature(temperature).maxTokens(maxTokens)
                .requestTimeout(Duration.ofSeconds(requestTimeout))
                .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(retries)).build();
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(DbBenchEval.Outcome o, int total) {
        var s = o.summary();
        Map<String, Object> custom = (Map<String, Object>) o.metrics().get("custom");
        System.out.printf("finished %d/%d (this run %d, resumed %d, failed %d)%n", s.records().size(), total, s.ranNow(),
                s.skipped(), s.failed());
        for (var e : custom.entrySet()) System.out.printf("  %-28s %.4f%n", e.getKey(), ((Number) e.getValue()).doubleValue());
        System.out.println("metrics: " + o.metricsFile());
        if (!s.complete(total)) {
            System.out.println("incomplete: " + (total - s.records().size()) + " episodes not finished"
                    + (s.lastError().isEmpty() ? "" : " (last error: " + s.lastError() + ")")
                    + "; rerun with the same --out to resume");
        }
    }
}
