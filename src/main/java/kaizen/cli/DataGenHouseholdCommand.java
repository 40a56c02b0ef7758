package kaizen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kaizen.data.Trajectory;
import kaizen.data.gen.household.HouseholdFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "household", mixinStandardHelpOptions = true,
        description = {
            "Generate expert trajectories in Kaizen's own household world (not ALFWorld): seeded rooms, receptacles and things,",
            "goals of six families (put, clean-then-put, heat-then-put, cool-then-put, examine-under-light, put-two), solved by",
            "a planner that searches like a person and written in ReAct form (THOUGHT/ACTION), optionally with StateAct state lines.",
            "Writes DIR/trajectories.jsonl. The same --count, --seed and options always give the same bytes."},
        footer = {"", "Example:", "  kaizen data gen household --count 3000 --seed 1 --out data/household --stateact"})
final class DataGenHouseholdCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "Trajectories to generate (families in turn, so N/6 each).")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; its trajectories.jsonl is replaced.")
    Path out;

    @Option(names = "--stateact", description = "Open every thought with explicit state lines: goal, location, inventory.")
    boolean stateAct;

    @Option(names = "--no-action-list", description = "Leave the AVAILABLE ACTIONS list out of the observations.")
    boolean noActionList;

    @picocli.CommandLine.Mixin
    ProgressOption progressBar;

    @picocli.CommandLine.Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        HouseholdFactory.Result result = HouseholdFactory.generate(new HouseholdFactory.Settings(count, seed, stateAct, !noActionList, progressBar.shown()));
        HouseholdFactory.write(result, out);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %d household trajectories in %.1f s (seed %d, %s)%n", result.trajectories().size(), secs, seed,
                stateAct ? "StateAct" : "ReAct");
        CountTable.print("per family", result.perFamily(), 20);
        CountTable.print("per variant", result.perVariant(), 20);
        CountTable.print("per room", result.perRoom(), 20);
        System.out.println("rejected draws: " + result.rejected());
        System.out.println("wrote " + out.resolve(Trajectory.FILE_NAME));
        return 0;
    }

}
