package kaizen.env.alfworld.pddl;

import java.util.List;

/**
 * One play-through of a {@link PddlTask}: the planner's state (what is true: decides applicable
 * actions and the goal) and the text facts (what textworld's text generation reads). Not
 * thread-safe; one episode owns one state.
 */
public final class PddlState {
    private final PddlTask task;
    private final FactStore facts;
    private final TextFacts text;
    private List<GroundAction> applicable;

    PddlState(PddlTask task, FactStore facts, TextFacts text) {
        this.task = task;
        this.facts = facts;
        this.text = text;
    }

    public PddlTask task() {
        return task;
    }

    /** The applicable ground actions, one per operator name. */
    public List<GroundAction> applicableActions() {
        if (applicable == null) applicable = List.copyOf(task.operators().applicable(facts));
        return applicable;
    }

    /**
     * Applies an action that is applicable in this state (one of {@link #applicableActions()}).
     *
     * @throws IllegalArgumentException for an action that is not applicable here
     */
    public void apply(GroundAction action) {
        if (!applicableActions().contains(action)) {
            throw new IllegalArgumentException("not applicable in this state: " + action.name());
        }
        task.operators().apply(action, facts);
        for (Operators.TextEffect effect : action.textEffects()) text.set(effect.atom(), effect.positive());
        applicable = null;
    }

    /** Whether the problem's goal holds (the reference's {@code won}). */
    public boolean goalReached() {
        return task.goal().holds(facts, new int[0]);
    }

    /** The planner's state, for tests that compare it with the text facts. */
    FactStore plannerFacts() {
        return facts;
    }

    /** The facts the text is generated from (see {@link TextFacts}). */
    public TextFacts textFacts() {
        return text;
    }
}
