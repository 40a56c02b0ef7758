package kaizen.data.gen.household;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import kaizen.core.KaizenException;
import kaizen.core.Progress;
import kaizen.core.SlotSeed;
import kaizen.data.Trajectory;
import kaizen.env.household.Family;
import kaizen.env.household.World;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;

/**
 * Household trajectories, the package's entry point: slot {@code i} of a run gets a world of
 * family {@code i mod 6} generated from the slot's seed, the planner expert solves it, and the
 * run is written as a ReAct conversation (optionally with StateAct state lines). 75% of the runs
 * are plain, 15% contain a refused use of a shut receptacle and its fix, 10% an invalid command
 * and its fix (a variant that finds no chance for its mistake stays plain).
 *
 * <p>Where the line is: the THOUGHT:/ACTION: protocol, the plan-first first thought and an
 * available-actions list are the format the model meets at evaluation; the world, its
 * catalogue, commands and every sentence are Kaizen's own.
 */
public final class HouseholdFactory {
    public static final String SOURCE = "kaizen-household";

    private HouseholdFactory() {}

    /** A run: how many, from which seed, how the text is written. */
    public record Settings(int count, long seed, boolean stateAct, boolean actionList, boolean progress) {
        public Settings {
            if (count < 1) throw new KaizenException("--count must be at least 1");
            if (!HouseholdSplit.trainingSeed(seed)) {
                throw new KaizenException("--seed " + seed + " is in the held-out range (from " + HouseholdSplit.HELD_OUT_FIRST
                        + " on), which only `kaizen eval household` plays; use a smaller seed");
            }
        }
    }

    /** Trajectories in slot order and the draws rejected on the way (expected: none). */
    public record Result(List<Trajectory> trajectories, int rejected) {
        public Map<String, Integer> perFamily() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Family f : Family.values()) out.put(f.wireName(), 0);
            for (Trajectory t : trajectories) out.merge(t.category(), 1, Integer::sum);
            return out;
        }

        public Map<String, Integer> perVariant() {
            return count("variant");
        }

        public Map<String, Integer> perRoom() {
            return count("room");
        }

        private Map<String, Integer> count(String key) {
            Map<String, Integer> out = new TreeMap<>();
            for (Trajectory t : trajectories) out.merge(t.metadata().get(key), 1, Integer::sum);
            return out;
        }
    }

    public static Result generate(Settings s) {
        List<Trajectory> out = new ArrayList<>(s.count());
        int rejected = 0;
        try (Progress progress = new Progress("household-gen", s.count(), System.err, s.progress())) {
            for (int i = 0; i < s.count(); i++) {
                Slot slot = slot(s, i);
                out.add(slot.trajectory());
                rejected += slot.rejected();
                progress.succeeded();
            }
        }
        return new Result(out, rejected);
    }

    /** One slot's trajectory and how many draws were rejected before it. */
    public record Slot(Trajectory trajectory, int rejected) {}

    public static Slot slot(Settings s, int slot) {
        Family family = Family.values()[slot % Family.values().length];
        for (int attempt = 0; attempt < HouseholdTask.MAX_ATTEMPTS; attempt++) {
            long seed = SlotSeed.of(s.seed(), slot, attempt);
            Optional<Trajectory> t = attempt(family, seed, s);
            if (t.isPresent()) return new Slot(t.get(), attempt);
        }
        throw new KaizenException("household slot " + slot + " (seed " + s.seed() + "): the expert failed " + HouseholdTask.MAX_ATTEMPTS + " draws in a row");
    }

    private static Optional<Trajectory> attempt(Family family, long seed, Settings s) {
        RandomGenerator rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        ExpertPlay.Variant wanted = variant(rng);
        HouseholdPrompt style = new HouseholdPrompt(s.stateAct(), s.actionList());
        World w = World.generate(seed, family);
        Optional<ExpertPlay.Played> played = ExpertPlay.play(w, wanted, style, rng);
        if (played.isEmpty()) return Optional.empty();
        Map<String, String> meta = new TreeMap<>();
        meta.put("room", w.roomName());
        meta.put("variant", played.get().variant().label);
        meta.put("actions", Integer.toString(played.get().actions()));
        meta.put("receptacles", Integer.toString(w.receptacles().size()));
        meta.put("style", s.stateAct() ? "stateact" : "react");
        String id = HouseholdTask.id(seed);
        return Optional.of(new Trajectory(SOURCE, id, family.wireName(), played.get().messages(), Trajectory.Outcome.SOLVED, seed, meta,
                played.get().untrained()));
    }

    /** 75% plain, 15% closed receptacle first, 10% invalid command then fix. */
    private static ExpertPlay.Variant variant(RandomGenerator rng) {
        int r = rng.nextInt(20);
        if (r < 15) return ExpertPlay.Variant.PLAIN;
        if (r < 18) return ExpertPlay.Variant.CLOSED_FIRST;
        return ExpertPlay.Variant.INVALID_THEN_FIX;
    }

    public static void write(Result r, Path dir) {
        Trajectory.writeAll(dir.resolve(Trajectory.FILE_NAME), r.trajectories());
    }
}
