package kaizen.cli;

import java.util.List;
import kaizen.core.KaizenException;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import picocli.CommandLine.Option;

/** Which household worlds a command plays and how the model reads them (a picocli mixin of eval and teacher). */
final class HouseholdWorldOptions {
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the worlds, in [0, 10^9) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", defaultValue = "120", paramLabel = "N", description = "Worlds to play, families in turn (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--max-step", defaultValue = "" + HouseholdEpisode.DEFAULT_MAX_STEP,
            description = "Model turns before 'task limit reached' (default: ${DEFAULT-VALUE}).")
    int maxStep;

    @Option(names = "--stateact", description = "The instruction asks for Goal/Location/Inventory lines (as data generated with --stateact).")
    boolean stateAct;

    @Option(names = "--no-action-list", description = "Leave the AVAILABLE ACTIONS list out (as data generated with --no-action-list).")
    boolean noActionList;

    void validate() {
        if (maxStep < 1) throw new KaizenException("--max-step must be at least 1");
    }

    List<HouseholdTask> worlds(HouseholdSplit split) {
        return HouseholdTask.of(split, seed, count);
    }

    HouseholdPrompt prompt() {
        return new HouseholdPrompt(stateAct, !noActionList);
    }

    HouseholdEpisode episode() {
        return new HouseholdEpisode(prompt(), maxStep);
    }
}
