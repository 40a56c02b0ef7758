package kaizen.env.alfworld;

import java.nio.file.Path;
import java.util.List;
import kaizen.env.alfworld.pddl.GameFile;

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
        throw new UnsupportedOperationException("ALFWorld engine not built yet: " + gameFile);
    }
}
