package kaizen.harness.alfworld;

import java.util.List;
import kaizen.core.Message;
import kaizen.env.alfworld.Alfworld;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * An agent that plays the game file's "walkthrough" (the expert plan stored with each game), one
 * command per turn, to check the environment and the harness with no model. Each output names its
 * step, so consecutive identical commands never trip the three-identical-outputs rule. Past the end
 * of the walkthrough it answers "look". One oracle per episode: it counts its own turns.
 */
public final class AlfworldOracle implements ChatModel {
    private final List<String> walkthrough;
    private int turn;

    public AlfworldOracle(List<String> walkthrough) {
        this.walkthrough = List.copyOf(walkthrough);
    }

    public static AlfworldOracle of(AlfworldTask task) {
        return new AlfworldOracle(Alfworld.walkthrough(task.gameFile()));
    }

    @Override
    public synchronized ModelReply complete(List<Message> messages) {
        int step = turn++;
        if (step >= walkthrough.size()) {
            return new ModelReply.Text("THOUGHT: The walkthrough is over (step " + (step + 1) + ").\nACTION: look");
        }
        return new ModelReply.Text("THOUGHT: Step " + (step + 1) + " of " + walkthrough.size() + " of the walkthrough.\nACTION: "
                + walkthrough.get(step));
    }
}
