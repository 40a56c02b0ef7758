package kaizen.env.alfworld;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.alfworld.pddl.AlfworldGames;
import kaizen.testing.GoldenFile;
import org.junit.jupiter.api.Test;

/**
 * Full transcripts, one game of each of the six task types: the intro, then for every command its
 * observation and the admissible commands after it. The walkthrough is played with detours that
 * reach every action kind and its failure text (look, inventory, examine, open/close, an
 * inapplicable command). The texts follow textworld 1.7.0's grammar rules as read from each game
 * file; byte-identity with real ALFWorld output on published transcripts is checked separately.
 */
class AlfworldTranscriptGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/alfworld-engine");

    @Test
    void oneGameOfEachTaskType() {
        Map<String, Path> firstOfType = new LinkedHashMap<>();
        for (Path game : AlfworldGames.all()) firstOfType.putIfAbsent(AlfworldGames.taskType(game), game);
        for (var e : firstOfType.entrySet()) GoldenFile.assertMatches(DIR.resolve(e.getKey() + ".txt"), transcript(e.getValue()));
    }

    static String transcript(Path game) {
        AlfworldGame g = Alfworld.load(game);
        StringBuilder out = new StringBuilder();
        out.append("# ").append(AlfworldGames.ROOT.relativize(game.getParent())).append('\n');
        AlfworldGame.Step step = g.reset();
        append(out, "(reset)", step);
        List<String> commands = new ArrayList<>(List.of("look", "inventory", "help", "take the moon"));
        List<String> plan = Alfworld.walkthrough(game);
        for (int i = 0; i < plan.size(); i++) {
            commands.add(plan.get(i));
            if (i == 0) commands.addAll(List.of("look", "examine " + plan.get(0).substring("go to ".length())));
        }
        commands.add("inventory");
        for (String c : commands) {
            step = g.step(c);
            append(out, c, step);
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String command, AlfworldGame.Step step) {
        out.append("\n> ").append(command).append('\n').append(step.observation()).append('\n');
        out.append("[won=").append(step.won()).append(" done=").append(step.done()).append("] admissible: ")
                .append(String.join(" | ", step.admissibleCommands())).append('\n');
    }
}
