package kaizen.data.build;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import kaizen.data.Trajectory;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.data.gen.household.HouseholdFactory;
import kaizen.data.negatives.Negatives;
import kaizen.env.db.DbEnvironment;

/**
 * The default dataset ({@code kaizen data build --default}): the sources {@code recipes/default.yaml}
 * reads, generated into {@code data/default/} when they are missing — synthetic DBBench tasks
 * with expert trajectories, household ReAct and StateAct trajectories, and the negatives of each —
 * on the embedded defaults, with no model. Existing sources are read as they are (delete the
 * folder to regenerate). The counts and seeds here are the ones the recipe's header lists.
 */
public final class DefaultDataset {
    public static final Path RECIPE = Path.of("recipes", "default.yaml");
    public static final Path DATA = Path.of("data", "default");
    static final int DBBENCH_COUNT = 2600;
    static final int HOUSEHOLD_COUNT = 1300;
    static final double RECOVERY_SHARE = 0.3;

    private DefaultDataset() {}

    /** Generates the missing sources under {@code data}; {@code db} is asked for only when DBBench data must be made. */
    public static void prepare(Path data, Supplier<DbEnvironment> db, PrintStream log, boolean progress) {
        Path dbbench = data.resolve("synth-dbbench");
        if (missing(dbbench, log)) {
            DbBenchFactory.write(DbBenchFactory.generate(db.get(), new DbBenchFactory.Settings(DBBENCH_COUNT, 1, 8, progress)), dbbench);
        }
        household(data.resolve("household-react"), 1, false, log, progress);
        household(data.resolve("household-stateact"), 2, true, log, progress);
        Negatives.Settings settings = new Negatives.Settings(1, RECOVERY_SHARE, progress);
        Path negDb = data.resolve("neg-synth-dbbench");
        if (missing(negDb, log)) {
            Negatives.write(Negatives.dbbench(db.get(), dbbench.resolve(DbBenchFactory.TASKS_FILE),
                    Trajectory.readAll(dbbench.resolve(Trajectory.FILE_NAME)), settings), negDb);
        }
        for (String h : new String[] {"household-react", "household-stateact"}) {
            Path neg = data.resolve("neg-" + h);
            if (missing(neg, log)) Negatives.write(Negatives.household(Trajectory.readAll(data.resolve(h).resolve(Trajectory.FILE_NAME)), settings), neg);
        }
    }

    private static void household(Path dir, long seed, boolean stateAct, PrintStream log, boolean progress) {
        if (missing(dir, log)) HouseholdFactory.write(HouseholdFactory.generate(new HouseholdFactory.Settings(HOUSEHOLD_COUNT, seed, stateAct, true, progress)), dir);
    }

    private static boolean missing(Path dir, PrintStream log) {
        boolean missing = !Files.isRegularFile(dir.resolve(Trajectory.FILE_NAME));
        log.println((missing ? "generating " : "reading the existing ") + dir);
        return missing;
    }
}
