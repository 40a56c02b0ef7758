package kaizen.env.alfworld;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import kaizen.core.python.PyStrings;
import kaizen.env.alfworld.pddl.GroundAction;
import kaizen.env.alfworld.pddl.PddlState;
import kaizen.env.alfworld.pddl.PddlTask;
import kaizen.env.alfworld.textgen.GameText;

/**
 * TextWorld's PDDL environment (textworld 1.7.0, textworld/envs/pddl/pddl.py) on Kaizen's logic
 * and grammar: after every reset and step it renders a command for each applicable action (in
 * the planner's order); a step plays the first action whose command equals the stripped input,
 * or answers "Nothing happens." and changes nothing; admissible commands are the distinct
 * commands sorted as Python sorts strings; won is the goal, done is won (lost is never set).
 */
final class TextworldGame implements AlfworldGame {
    static final String NOTHING_HAPPENS = "Nothing happens.";

    private final PddlTask task;
    private final GameText text;
    private PddlState state;
    private List<GroundAction> validActions = List.of();
    private List<String> validCommands = List.of();

    TextworldGame(PddlTask task, GameText text) {
        this.task = task;
        this.text = text;
    }

    @Override
    public Step reset() {
        state = task.initialState();
        String intro = text.intro(state);
        return gather(intro);
    }

    @Override
    public Step step(String command) {
        if (state == null) throw new IllegalStateException("reset() the game before playing it");
        int index = validCommands.indexOf(PyStrings.strip(command));
        if (index < 0) return gather(NOTHING_HAPPENS);
        GroundAction action = validActions.get(index);
        state.apply(action);
        return gather(text.feedback(action, state));
    }

    private Step gather(String feedback) {
        validActions = state.applicableActions();
        List<String> commands = new ArrayList<>(validActions.size());
        for (GroundAction a : validActions) commands.add(text.command(a, state));
        validCommands = List.copyOf(commands);
        // Python sorts str by code point; String.compareTo by UTF-16 unit, the same for these names.
        List<String> admissible = List.copyOf(new TreeSet<>(commands));
        boolean won = state.goalReached();
        return new Step(feedback, won, won, admissible);
    }
}
