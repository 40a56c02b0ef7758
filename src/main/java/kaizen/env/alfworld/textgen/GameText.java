package kaizen.env.alfworld.textgen;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.env.alfworld.pddl.Entity;
import kaizen.env.alfworld.pddl.GroundAction;
import kaizen.env.alfworld.pddl.PddlState;

/**
 * The text of one ALFWorld game, as TextWorld's PDDL environment writes it: the intro, the command
 * a ground action is typed as, and the feedback after it. Built once per game file; immutable.
 */
public final class GameText {
    private final Map<String, GrammarFile.ActionText> actions;
    private final Grammar grammar;

    private GameText(GrammarFile.Parsed parsed) {
        this.actions = parsed.actions();
        this.grammar = parsed.grammar();
    }

    /** @throws GrammarException when the grammar text cannot be read */
    public static GameText parse(String grammarText) {
        return new GameText(GrammarFile.parse(grammarText));
    }

    /** The reset observation: the grammar's {@code #intro#}. */
    public String intro(PddlState state) {
        return grammar.derive("#intro#", Grammar.Context.EMPTY, view(state));
    }

    /** What a person types to play {@code action}: its template derived with the action's bindings. */
    public String command(GroundAction action, PddlState state) {
        return grammar.derive(text(action).template(), context(action), view(state));
    }

    /** The feedback after {@code action} was applied to {@code state}. */
    public String feedback(GroundAction action, PddlState state) {
        return grammar.derive(text(action).feedbackRule(), context(action), view(state));
    }

    private GrammarFile.ActionText text(GroundAction action) {
        GrammarFile.ActionText t = actions.get(action.schemaName());
        if (t == null) throw new GrammarException("the grammar has no text for action '" + action.schemaName() + "'");
        return t;
    }

    private static Grammar.Context context(GroundAction action) {
        Map<Query.Placeholder, String> mapping = new HashMap<>();
        List<String> names = action.parameterNames();
        List<String> types = action.parameterTypes();
        List<String> ids = action.argumentIds();
        for (int i = 0; i < names.size(); i++) mapping.put(new Query.Placeholder(names.get(i), types.get(i)), ids.get(i));
        return Grammar.Context.EMPTY.with(mapping);
    }

    private static TextState view(PddlState state) {
        return new TextState() {
            @Override
            public List<List<String>> facts(String predicate) {
                return state.textFacts().withPredicate(predicate);
            }

            @Override
            public Optional<Entity> entity(String id) {
                return state.task().entity(id);
            }
        };
    }
}
