package kaizen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.env.db.ConnectorMode;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.dbbench.DbBenchOracle;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.runner.EvalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RunOptions run;

    @Option(names = "--max-round", defaultValue = "" + DbBenchEpisode.DEFAULT_MAX_ROUND,
            description = "SQL rounds before 'task limit reached' (AgentBench config: ${DEFAULT-VALUE}).")
    int maxRound;

    @Mixin
    DbServerOptions db;

    @Option(names = "--sql-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "Kill an agent's statement after this long (default: ${DEFAULT-VALUE}).")
    int sqlTimeout;

    @Option(names = "--connector", defaultValue = "8", paramLabel = "VERSION",
            description = "mysql-connector-python behaviour to reproduce: 8 (statements run) or 9.2 (multi=True rejected). Default: ${DEFAULT-VALUE}.")
    String connector;

    @Override
    public Integer call() {
        run.validate();
        if (maxRound < 0) throw new KaizenException("--max-round must not be negative");
        if (!Files.exists(data)) {
            throw new KaizenException(data + ": no such file (give the DBBench task file with --data FILE)");
        }
        List<DbBenchTask> tasks = run.limited(DbBenchTask.load(data));
        ConnectorMode mode = switch (connector) {
            case "8", "8.x", "v8" -> ConnectorMode.V8;
            case "9", "9.2", "9.x", "v9" -> ConnectorMode.V9_2;
            default -> throw new KaizenException("--connector must be 8 or 9.2, not '" + connector + "'");
        };
        try (RunOptions.Agent<DbBenchTask> agent = run.agent(DbBenchOracle::new)) {
            Path outDir = run.outDir("dbbench", agent.name());
            System.err.println("kaizen: " + tasks.size() + " DBBench tasks from " + data + ", agent " + agent.name() + ", out " + outDir);
            try (DbServer server = db.start();
                    DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT
                            .withStatementTimeout(Duration.ofSeconds(sqlTimeout)).withConnectorMode(mode))) {
                System.err.println("kaizen: database " + server.describe());
                EvalReport.Outcome outcome = DbBenchEval.run(tasks, env, agent.forTask(),
                        new DbBenchEval.Settings(outDir, run.concurrency, maxRound, run.progressBar.shown(), agent.name()));
                @SuppressWarnings("unchecked")
                Map<String, Number> custom = (Map<String, Number>) outcome.metrics().get("custom");
                return RunOptions.report(outcome, tasks.size(), custom);
            }
        }
    }
}
