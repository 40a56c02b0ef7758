package kaizen.env.alfworld.pddl;

import kaizen.env.alfworld.textgen.GameText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random play on the real games. */
class RandomPlayPropertiesTest {
    private static final List<Path> GAMES = AlfworldGames.all();

    /**
     * The text facts differ from the planner's state only where the reference's replay of every
     * translated effect makes them differ: ToggleObject's conditional effects on isOn.
     */
    @Property(tries = 60)
    void textFactsFollowThePlannerExceptForConditionalEffects(@ForAll @IntRange(min = 0, max = 339) int game,
            @ForAll long seed) {
        PddlState state = PddlTask.load(GameFile.read(GAMES.get(game))).initialState();
        Random random = new Random(seed);
        for (int step = 0; step < 40; step++) {
            List<GroundAction> actions = state.applicableActions();
            state.apply(actions.get(random.nextInt(actions.size())));
            Vocabulary vocabulary = state.task().vocabulary();
            for (int p = 0; p < vocabulary.predicateCount(); p++) {
                String predicate = vocabulary.predicateName(p);
                if (predicate.equals("ison")) continue;
                Set<List<String>> planner = new HashSet<>();
                for (Fact fact : state.plannerFacts().withPredicate(p)) {
                    List<String> args = new ArrayList<>();
                    for (int i = 0; i < fact.arity(); i++) args.add(vocabulary.objectName(fact.arg(i)));
                    planner.add(args);
                }
                assertEquals(planner, new HashSet<>(state.textFacts().withPredicate(predicate)),
                        predicate + " after step " + step);
            }
        }
    }

    /** Distinct operators never render the same command, so the reference's first-match rule never chooses. */
    @Property(tries = 60)
    void everyApplicableActionHasItsOwnCommand(@ForAll @IntRange(min = 0, max = 339) int game, @ForAll long seed) {
        GameFile file = GameFile.read(GAMES.get(game));
        PddlTask task = PddlTask.load(file);
        GameText commands = GameText.parse(file.grammar());
        PddlState state = task.initialState();
        Random random = new Random(seed);
        for (int step = 0; step < 40; step++) {
            List<GroundAction> actions = state.applicableActions();
            Set<String> distinct = new HashSet<>();
            actions.forEach(a -> distinct.add(commands.command(a, state)));
            assertEquals(actions.size(), distinct.size(), "duplicate commands after step " + step);
            state.apply(actions.get(random.nextInt(actions.size())));
        }
    }
}
