package kaizen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.data.Trajectory;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.data.negatives.Negatives;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "negatives", mixinStandardHelpOptions = true,
        description = {
            "Derive negative samples (Agent-FLAN style) from a generator's expert trajectories: bad turns of three kinds (format",
            "violations, invalid actions, hallucinated observations or results) as DPO rejected candidates (the expert's reply at that",
            "point is the chosen side), and recovery examples where the bad turn stays in the context untrained (\"weight\": 0), followed",
            "by the environment's real reply and the expert's correction. A folder with tasks.jsonl is synthetic DBBench (run on the",
            "embedded MariaDB); otherwise household. Writes OUT/trajectories.jsonl."},
        footer = {"", "Example:", "  kaizen data gen negatives --from data/synth-dbbench --out data/neg-dbbench"})
final class DataGenNegativesCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "A generator's output folder (trajectories.jsonl, and tasks.jsonl for DBBench).")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; its trajectories.jsonl is replaced.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--recovery-share", defaultValue = "0.3", paramLabel = "P",
            description = "Share of experts that also give a recovery example (default: ${DEFAULT-VALUE}); each gives one DPO candidate.")
    double recoveryShare;

    @CommandLine.Mixin
    ProgressOption progressBar;

    @CommandLine.Mixin
    DbServerOptions db;

    @CommandLine.Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (!(recoveryShare >= 0 && recoveryShare <= 1)) throw new KaizenException("--recovery-share must be in [0, 1], not " + recoveryShare);
        long t0 = System.nanoTime();
        Negatives.Result r = derive(from, new Negatives.Settings(seed, recoveryShare, progressBar.shown()), db);
        Negatives.write(r, out);
        System.out.printf("derived %d DPO rejected candidates and %d recovery examples in %.1f s%n", r.rejected(), r.recoveries(),
                (System.nanoTime() - t0) / 1e9);
        CountTable.print("rejected candidates per kind", r.rejectedPerKind(), 30);
        CountTable.print("recovery examples per kind", r.recoveryPerKind(), 30);
        if (!r.skipped().isEmpty()) CountTable.print("skipped", r.skipped(), 30);
        System.out.println("wrote " + out.resolve(Trajectory.FILE_NAME));
        return 0;
    }

    /** DBBench when the folder has the generator's tasks.jsonl, household otherwise. */
    static Negatives.Result derive(Path from, Negatives.Settings settings, DbServerOptions db) {
        Path trajectories = from.resolve(Trajectory.FILE_NAME);
        if (!Files.isRegularFile(trajectories)) throw new KaizenException(trajectories + ": no such file (give a generator's output folder)");
        Path tasks = from.resolve(DbBenchFactory.TASKS_FILE);
        if (!Files.isRegularFile(tasks)) return Negatives.household(Trajectory.readAll(trajectories), settings);
        try (DbServer server = db.start(); DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
            return Negatives.dbbench(env, tasks, Trajectory.readAll(trajectories), settings);
        }
    }

}
