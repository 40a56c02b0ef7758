package kaizen.harness.household;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.KaizenException;
import kaizen.core.SlotSeed;
import kaizen.env.household.Family;
import kaizen.env.household.Planner;
import kaizen.env.household.World;

/**
 * One household world to play: slot {@code index} of a run, its family (index mod 6) and the seed
 * of the world drawn for it. The world is regenerated from the seed for every episode (worlds are
 * mutable games).
 *
 * @param id {@code household-<seed in base 36>}, the task id trajectories of this world carry
 */
public record HouseholdTask(int index, String id, Family family, long seed) {
    /** Draws per slot before giving up (the generator's bound too). */
    public static final int MAX_ATTEMPTS = 20;

    public World world() {
        return World.generate(seed, family);
    }

    /** The task id of a world seed, shared by generated and played trajectories of that world. */
    public static String id(long seed) {
        return "household-" + Long.toUnsignedString(seed, 36);
    }

    /** Commands beyond which a planner run counts as failed: every receptacle walked to and opened twice over, plus the handling. */
    public static int stepBound(World w) {
        return 4 * w.receptacles().size() + 20;
    }

    /** The worlds of {@code --seed seed --count count} in a split, in slot order. */
    public static List<HouseholdTask> of(HouseholdSplit split, long seed, int count) {
        if (count < 1) throw new KaizenException("--count must be at least 1");
        long runSeed = split.runSeed(seed);
        List<HouseholdTask> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(slot(runSeed, i));
        return List.copyOf(out);
    }

    /**
     * Slot {@code slot} of a run seed: the first draw whose world the planner solves within
     * {@link #stepBound}, so the oracle wins every world a run plays (as the generator's expert does).
     */
    public static HouseholdTask slot(long runSeed, int slot) {
        Family family = Family.values()[slot % Family.values().length];
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long seed = SlotSeed.of(runSeed, slot, attempt);
            if (plannerSolves(World.generate(seed, family))) return new HouseholdTask(slot, id(seed), family, seed);
        }
        throw new KaizenException("household slot " + slot + " (run seed " + runSeed + "): the planner failed " + MAX_ATTEMPTS + " draws in a row");
    }

    private static boolean plannerSolves(World w) {
        Planner planner = new Planner(w, false);
        int bound = stepBound(w);
        for (int step = 0; step <= bound; step++) {
            Optional<Planner.Move> move = planner.next();
            if (move.isEmpty()) return true;
            if (!w.step(move.get().command()).valid()) return false;
        }
        return false;
    }
}
