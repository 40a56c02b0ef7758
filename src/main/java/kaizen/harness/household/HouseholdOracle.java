package kaizen.harness.household;

import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.env.household.Planner;
import kaizen.env.household.World;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * An agent that plays the planner expert, to check the world and the harness with no model. It
 * keeps its own copy of the task's world and plays each command it sends on that copy too: the
 * world is deterministic, so the copy stays equal to the episode's as long as only the oracle
 * acts. Each output names its step, so no two outputs are identical. One oracle per episode.
 */
public final class HouseholdOracle implements ChatModel {
    private final World world;
    private final Planner planner;
    private int turn;

    public HouseholdOracle(HouseholdTask task) {
        this.world = task.world();
        this.planner = new Planner(world, false);
    }

    @Override
    public synchronized ModelReply complete(List<Message> messages) {
        turn++;
        Optional<Planner.Move> move = planner.next();
        if (move.isEmpty()) return new ModelReply.Text("THOUGHT: Step " + turn + ": the goal holds.\nACTION: look around");
        world.step(move.get().command());
        return new ModelReply.Text("THOUGHT: Step " + turn + ": " + move.get().purpose().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ".\nACTION: " + move.get().command().text());
    }
}
