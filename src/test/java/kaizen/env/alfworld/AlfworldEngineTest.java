package kaizen.env.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.env.alfworld.pddl.AlfworldGames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine (logic + text + command matching) on every shared game, and its errors. */
class AlfworldEngineTest {
    @TempDir
    Path dir;

    @Test
    void everyWalkthroughIsAdmissibleStepByStepAndWinsExactlyAtItsEnd() {
        List<Path> games = AlfworldGames.all();
        assertEquals(340, games.size());
        List<String> failures = new ArrayList<>();
        for (Path game : games) {
            List<String> plan = Alfworld.walkthrough(game);
            AlfworldGame g = Alfworld.load(game);
            AlfworldGame.Step step = g.reset();
            assertTrue(step.observation().startsWith("-= Welcome to TextWorld, ALFRED! =-\n\n"), game.toString());
            for (int i = 0; i < plan.size() && failures.size() < 10; i++) {
                if (step.won()) failures.add(game + ": won before step " + i);
                if (!step.admissibleCommands().contains(plan.get(i))) failures.add(game + ": '" + plan.get(i) + "' not admissible");
                step = g.step(plan.get(i));
                if (step.observation().equals("Nothing happens.")) failures.add(game + ": '" + plan.get(i) + "' did nothing");
            }
            if (!step.won() || !step.done()) failures.add(game + ": not won at the end");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void resetStartsOverAndUnknownCommandsChangeNothing() {
        Path game = AlfworldGames.all().getFirst();
        AlfworldGame g = Alfworld.load(game);
        AlfworldGame.Step first = g.reset();
        AlfworldGame.Step nothing = g.step("  fly to the moon ");
        assertEquals("Nothing happens.", nothing.observation());
        assertEquals(first.admissibleCommands(), nothing.admissibleCommands());
        assertFalse(nothing.won());
        String go = first.admissibleCommands().stream().filter(c -> c.startsWith("go to ")).findFirst().orElseThrow();
        AlfworldGame.Step moved = g.step("  " + go + "\t"); // the reference strips the command
        assertTrue(moved.observation().startsWith("You arrive at "), moved.observation());
        assertEquals(first, g.reset(), "reset gives the same intro and commands again");
    }

    @Test
    void malformedGameFilesNameTheFileAndField() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.tw-pddl"), "{\"pddl_domain\": ");
        BadInputException e1 = assertThrows(BadInputException.class, () -> Alfworld.load(notJson));
        assertTrue(e1.getMessage().contains("a.tw-pddl") && e1.getMessage().contains("not valid JSON"), e1.getMessage());

        String real = Files.readString(AlfworldGames.all().getFirst());
        Path noGrammar = Files.writeString(dir.resolve("b.tw-pddl"), real.replace("\"grammar\"", "\"grammar_x\""));
        BadInputException e2 = assertThrows(BadInputException.class, () -> Alfworld.load(noGrammar));
        assertTrue(e2.getMessage().contains("b.tw-pddl") && e2.getMessage().contains("grammar"), e2.getMessage());

        Path badGrammar = Files.writeString(dir.resolve("c.tw-pddl"), real.replace("action GotoLocation {", "action GotoLocation {{"));
        BadInputException e3 = assertThrows(BadInputException.class, () -> Alfworld.load(badGrammar));
        assertTrue(e3.getMessage().contains("c.tw-pddl") && e3.getMessage().contains("grammar, line "), e3.getMessage());
    }
}
