package kaizen.env.alfworld.pddl;

import kaizen.env.alfworld.textgen.GameText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays the walkthrough of every one of the 340 shared ALFWorld games: each command must name an
 * applicable ground action at its step, and the goal must hold after the last command and not before.
 */
class WalkthroughReplayTest {

    @Test
    void everyWalkthroughWinsExactlyAtItsEnd() {
        List<Path> games = AlfworldGames.all();
        assertEquals(340, games.size(), "shared games");
        List<String> failures = new ArrayList<>();
        for (Path path : games) {
            String failure = replay(path);
            if (failure != null) failures.add(path + ": " + failure);
        }
        assertTrue(failures.isEmpty(), failures.size() + " games failed:\n" + String.join("\n",
                failures.subList(0, Math.min(20, failures.size()))));
    }

    private static String replay(Path path) {
        GameFile game = GameFile.read(path);
        PddlTask task = PddlTask.load(game);
        GameText commands = GameText.parse(game.grammar());
        PddlState state = task.initialState();
        if (state.goalReached()) return "won before any command";
        List<String> walkthrough = game.walkthrough();
        for (int i = 0; i < walkthrough.size(); i++) {
            String command = walkthrough.get(i);
            GroundAction chosen = null;
            for (GroundAction action : state.applicableActions()) {
                if (commands.command(action, state).equals(command)) {
                    chosen = action;
                    break;
                }
            }
            if (chosen == null) return "step " + i + " '" + command + "' is not applicable";
            state.apply(chosen);
            boolean last = i == walkthrough.size() - 1;
            if (state.goalReached() != last) return "won=" + !last + " after step " + i + " '" + command + "'";
        }
        return null;
    }
}
