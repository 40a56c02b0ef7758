package kaizen.env.alfworld.pddl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The 340 real ALFWorld games in the shared data folder (for building and testing only). */
public final class AlfworldGames {
    public static final Path ROOT = Path.of("../shared/data/alfworld/json_2.1.1");

    private AlfworldGames() {}

    public static List<Path> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.getFileName().toString().equals("game.tw-pddl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The task type, from the game's folder name ("pick_and_place_simple", ...). */
    public static String taskType(Path game) {
        return game.getParent().getParent().getFileName().toString().split("-")[0];
    }
}
