package kaizen.env.alfworld;

import java.nio.file.Path;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.env.alfworld.pddl.GameFile;
import kaizen.env.alfworld.pddl.PddlTask;
import kaizen.env.alfworld.textgen.GameText;
import kaizen.env.alfworld.textgen.GrammarException;

/** The ALFWorld engine's public entry: loads game files ({@code game.tw-pddl}). */
public final class Alfworld {
    private Alfworld() {}

    /**
     * Loads one game file.
     *
     * @throws kaizen.core.BadInputException when the file is not a readable ALFWorld game
     */
    /**
     * The expert plan stored with a game (its "walkthrough" field).
     *
     * @throws kaizen.core.BadInputException when the file is not a readable ALFWorld game
     */
    public static List<String> walkthrough(Path gameFile) {
        return GameFile.read(gameFile).walkthrough();
    }

    public static AlfworldGame load(Path gameFile) {
        GameFile game = GameFile.read(gameFile);
        PddlTask task = PddlTask.load(game);
        GameText text;
        try {
            text = GameText.parse(game.grammar());
        } catch (GrammarException e) {
            throw new BadInputException(gameFile, 0, "grammar", e.getMessage());
        }
        return new TextworldGame(task, text);
    }
}
