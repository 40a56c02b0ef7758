package kaizen.train.reward;

import java.util.ArrayList;
import java.util.List;
import kaizen.env.household.Family;
import kaizen.env.household.Goal;
import kaizen.env.household.Item;
import kaizen.env.household.World;

/**
 * The household reward, read from the world as the episode left it: success is the world's own
 * goal test; progress is the share of the goal's subgoals that hold (1 only when the goal holds).
 * <ul>
 *   <li>put families: a thing of the goal's kind taken (carried, or already in a target
 *       receptacle); for clean/heat/cool, such a thing treated; and the things placed (the target
 *       holding the most counted things, over the goal's count: ½ for one of two);
 *   <li>examine under light: a thing of the goal's kind carried; standing where a light is; the
 *       light switched on with the thing in hand (the goal).
 * </ul>
 */
public final class HouseholdReward {
    private HouseholdReward() {}

    public static EpisodeReward of(World world, double partialWeight) {
        return EpisodeReward.of(world.goalMet(), world.goalMet() ? 1.0 : progress(world), partialWeight);
    }

    /** The share of subgoals that hold, in [0, 1]. */
    public static double progress(World w) {
        Goal goal = w.goal();
        List<Double> parts = new ArrayList<>();
        boolean carriesKind = w.carried().filter(i -> i.kind().equals(goal.item())).isPresent();
        if (goal.family() == Family.EXAMINE_UNDER_LIGHT) {
            parts.add(carriesKind ? 1.0 : 0.0);
            parts.add(w.visibleHere().stream().anyMatch(i -> i.kind().light()) ? 1.0 : 0.0);
            parts.add(w.goalMet() ? 1.0 : 0.0); // the light switched on with the thing in hand
        } else {
            List<Item> ofKind = w.items().stream().filter(i -> i.kind().equals(goal.item())).toList();
            boolean inTarget = ofKind.stream().anyMatch(i -> inTarget(w, i));
            parts.add(carriesKind || inTarget ? 1.0 : 0.0);
            goal.family().treatment().ifPresent(t -> parts.add(ofKind.stream().anyMatch(i -> w.condition(i).has(t)) ? 1.0 : 0.0));
            long best = 0;
            for (var r : w.receptacles()) {
                if (!r.kind().equals(goal.target().orElseThrow())) continue;
                best = Math.max(best, w.items().stream().filter(i -> w.whereIs(i).filter(r::equals).isPresent() && w.countsForGoal(i)).count());
            }
            parts.add(Math.min(1.0, (double) best / goal.count()));
        }
        return parts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static boolean inTarget(World w, Item i) {
        return w.whereIs(i).filter(r -> r.kind().equals(w.goal().target().orElseThrow())).isPresent();
    }
}
