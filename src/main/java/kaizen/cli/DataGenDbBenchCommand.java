package kaizen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dbbench", mixinStandardHelpOptions = true,
        description = {
            "Generate synthetic DBBench tasks (Kaizen's own domains and questions, AgentBench's task format and categories)",
            "with gold answers from the real database, and one expert trajectory per task in the DBBench text protocol,",
            "played through the evaluation's own episode loop and kept only when its scoring counts it correct.",
            "Writes DIR/tasks.jsonl (readable by 'kaizen eval dbbench --data') and DIR/trajectories.jsonl.",
            "The same --count and --seed always give the same bytes."},
        footer = {"", "Example:", "  kaizen data gen dbbench --count 1100 --seed 1 --out data/synth-dbbench"})
final class DataGenDbBenchCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "Tasks to generate (categories in turn, so N/11 each).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; its two files are replaced.")
    Path out;

    @Option(names = "--concurrency", defaultValue = "8", description = "Tasks generated at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @CommandLine.Mixin
    ProgressOption progressBar;

    @CommandLine.Mixin
    DbServerOptions db;

    @CommandLine.Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        DbBenchFactory.Settings settings = new DbBenchFactory.Settings(count, seed, concurrency, progressBar.shown());
        long t0 = System.nanoTime();
        DbBenchFactory.Result result;
        try (DbServer server = db.start(); DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
            result = DbBenchFactory.generate(env, settings);
        }
        DbBenchFactory.write(result, out);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %d tasks with trajectories in %.1f s (seed %d)%n", result.items().size(), secs, seed);
        CountTable.print("per category", result.perCategory(), 20);
        CountTable.print("per expert variant", result.perVariant(), 20);
        int rejected = result.rejected().values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("rejected draws: " + rejected + (rejected == 0 ? "" : ", by reason:"));
        for (var e : result.rejected().entrySet()) System.out.printf("  %-50s %d%n", e.getKey(), e.getValue());
        System.out.println("wrote " + out.resolve(DbBenchFactory.TASKS_FILE) + " and " + out.resolve(kaizen.data.Trajectory.FILE_NAME));
        return 0;
    }

}
