package kaizen.env.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import kaizen.env.alfworld.pddl.AlfworldGames;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random play on real games: an admissible command always does something (never "Nothing
 * happens."), anything else is "Nothing happens." and changes nothing, and the engine never
 * throws. The reference decides admissibility the same way (an exact match among the commands of
 * the applicable actions), so this is the "Nothing happens exactly when no grounded action
 * applies" rule.
 */
class AlfworldEnginePropertiesTest {
    private static final List<Path> GAMES = AlfworldGames.all();

    @Property(tries = 80)
    void admissibleCommandsActAndOthersDoNothing(@ForAll @IntRange(min = 0, max = 339) int game, @ForAll long seed) {
        Random random = new Random(seed);
        AlfworldGame g = Alfworld.load(GAMES.get(game));
        AlfworldGame.Step step = g.reset();
        for (int i = 0; i < 35 && !step.won(); i++) {
            List<String> admissible = step.admissibleCommands();
            if (random.nextInt(4) == 0) {
                String other = notAdmissible(admissible, random);
                AlfworldGame.Step after = g.step(other);
                assertEquals("Nothing happens.", after.observation(), "'" + other + "' is not admissible");
                assertEquals(admissible, after.admissibleCommands(), "nothing changed");
                assertFalse(after.won());
                step = after;
            } else {
                String command = admissible.get(random.nextInt(admissible.size()));
                step = g.step(command);
                assertNotEquals("Nothing happens.", step.observation(), "'" + command + "' is admissible");
                assertFalse(step.observation().isEmpty(), "'" + command + "' has feedback");
            }
        }
    }

    /** A near miss of an admissible command (wrong number, wrong verb, extra words) or a random word. */
    private static String notAdmissible(List<String> admissible, Random random) {
        while (true) {
            String base = admissible.get(random.nextInt(admissible.size()));
            String candidate = switch (random.nextInt(4)) {
                case 0 -> base.replaceAll("\\d+", "99");
                case 1 -> "jump " + base;
                case 2 -> base + " please";
                default -> "xyzzy" + random.nextInt(1000);
            };
            if (!admissible.contains(candidate.strip())) return candidate;
        }
    }
}
