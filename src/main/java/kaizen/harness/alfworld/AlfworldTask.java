package kaizen.harness.alfworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kaizen.core.KaizenException;

/**
 * One ALFWorld game to play: its {@code game.tw-pddl}, its name as the reference derives it from the
 * path ({@code <task folder>/<trial folder>}) and its task type (from the task folder's name).
 *
 * @param index position in the evaluation's order (episodes.jsonl's "index")
 */
public record AlfworldTask(int index, Path gameFile, String name, AlfworldTaskType type) {
    /** The folder of ALFWorld's game files under a data root, as ALFWORLD_DATA lays it out. */
    public static final String JSON_FOLDER = "json_2.1.1";
    public static final String GAME_FILE = "game.tw-pddl";
    /** The reference's "standard" split is ALFWorld's valid_unseen (134 games). */
    public static final String DEFAULT_SPLIT = "valid_unseen";

    /**
     * The games of one split: {@code data/json_2.1.1/<split>/<task>/<trial>/game.tw-pddl}; when
     * {@code data} has no json_2.1.1 folder it is taken as the split folder itself (the split is then
     * ignored). Order: by task type as the reference's split file groups them (the prefixes
     * order), then by name.
     *
     * @throws KaizenException naming the folder when it, the split, or any game is missing, or a
     *     task folder's name is of no known type
     */
    public static List<AlfworldTask> load(Path data, String split) {
        if (!Files.isDirectory(data)) {
            throw new KaizenException(data + ": no such folder (give the ALFWorld data folder, which holds "
                    + JSON_FOLDER + "/, with --data DIR)");
        }
        Path json = data.resolve(JSON_FOLDER);
        Path splitDir = data;
        if (Files.isDirectory(json)) {
            splitDir = json.resolve(split);
            if (!Files.isDirectory(splitDir)) {
                throw new KaizenException(splitDir + ": no such split folder (splits found in " + json + ": "
                        + String.join(", ", subfolders(json)) + ")");
            }
        }
        List<AlfworldTask> found = new ArrayList<>();
        for (String taskFolder : subfolders(splitDir)) {
            AlfworldTaskType type = AlfworldTaskType.ofFolder(taskFolder).orElseThrow(() -> new KaizenException(
                    data + ": task folder '" + taskFolder + "' is of no ALFWorld task type (its name must start with one of "
                    + String.join(", ", Arrays.stream(AlfworldTaskType.values()).map(AlfworldTaskType::prefix).toList()) + ")"));
            for (String trial : subfolders(splitDir.resolve(taskFolder))) {
                Path game = splitDir.resolve(taskFolder).resolve(trial).resolve(GAME_FILE);
                if (Files.isRegularFile(game)) found.add(new AlfworldTask(0, game, taskFolder + "/" + trial, type));
            }
        }
        if (found.isEmpty()) {
            throw new KaizenException(splitDir + ": no ALFWorld games (expected <task folder>/<trial folder>/" + GAME_FILE + ")");
        }
        found.sort(Comparator.comparing(AlfworldTask::type).thenComparing(AlfworldTask::name));
        List<AlfworldTask> out = new ArrayList<>(found.size());
        for (AlfworldTask t : found) out.add(new AlfworldTask(out.size(), t.gameFile(), t.name(), t.type()));
        return List.copyOf(out);
    }

    private static List<String> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
