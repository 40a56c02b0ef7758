package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.env.alfworld.Alfworld;
import kaizen.env.alfworld.pddl.AlfworldGames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kaizen alfworld walkthrough` and `kaizen alfworld play`, through Main as a user runs them. */
class AlfworldCommandTest {
    @TempDir
    Path dir;

    @Test
    void walkthroughWinsEveryValidSeenGame() {
        CliRun r = CliRun.withStdin("", "alfworld", "walkthrough", "--split", "valid_seen", "--no-progress");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("valid_seen: won 140/140"), r.out());
    }

    @Test
    void walkthroughNamesAGameThatIsNotWonAndExitsOne() throws Exception {
        Path game = AlfworldGames.all().getFirst();
        Path trial = dir.resolve("pick_and_place_simple-X-None-Y-1/trial_1");
        Files.createDirectories(trial);
        String text = Files.readString(game);
        List<String> plan = Alfworld.walkthrough(game);
        // drop the last step of the plan: the game is then not won
        String last = "\"" + plan.getLast() + "\"";
        Files.writeString(trial.resolve("game.tw-pddl"), text.replace(", " + last + "]", "]"));
        CliRun r = CliRun.withStdin("", "alfworld", "walkthrough", "--data", dir.toString(), "--no-progress");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("NOT WON pick_and_place_simple-X-None-Y-1/trial_1: not won after all " + (plan.size() - 1) + " steps"), r.out());
        assertTrue(r.out().contains("total: won 0/1"), r.out());
    }

    @Test
    void playReadsCommandsAndStopsWhenWon() {
        Path game = AlfworldGames.all().getFirst();
        List<String> plan = Alfworld.walkthrough(game);
        CliRun r = CliRun.withStdin(":actions\nfly\n" + String.join("\n", plan) + "\n", "alfworld", "play", game.getParent().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("-= Welcome to TextWorld, ALFRED! =-"), r.out());
        assertTrue(r.out().contains("  inventory\n"), "':actions' lists admissible commands: " + r.out());
        assertTrue(r.out().contains("> Nothing happens.\n"), r.out());
        assertTrue(r.out().contains("*** You won in " + (plan.size() + 1) + " moves."), r.out());
    }

    @Test
    void playOfAMissingGameIsAOneLineError() {
        CliRun r = CliRun.withStdin("", "alfworld", "play", dir.resolve("nowhere").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("no such game file"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
