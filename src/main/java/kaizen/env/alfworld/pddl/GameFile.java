package kaizen.env.alfworld.pddl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.core.Json;

/**
 * One ALFWorld game file ({@code game.tw-pddl}): a JSON object whose fields are the PDDL domain,
 * the TextWorld grammar, the PDDL problem, whether the game is solvable and a walkthrough.
 */
public record GameFile(Path path, String pddlDomain, String grammar, String pddlProblem, boolean solvable,
        List<String> walkthrough) {

    public GameFile {
        walkthrough = List.copyOf(walkthrough);
    }

    /** Reads a game file; every missing or mistyped field is reported with the file and field. */
    public static GameFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new BadInputException(path, 0, null, "cannot read the game file: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(path, line, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(path, 0, null, "expected a JSON object at the top level");
        }
        return new GameFile(path,
                text(path, root, "pddl_domain"),
                text(path, root, "grammar"),
                text(path, root, "pddl_problem"),
                flag(path, root, "solvable"),
                walkthrough(path, root));
    }

    private static String text(Path path, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new BadInputException(path, 0, field, node == null ? "missing" : "expected a string");
        }
        return node.asText();
    }

    private static boolean flag(Path path, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) return true; // the reference never reads it; older files may lack it
        if (!node.isBoolean()) throw new BadInputException(path, 0, field, "expected true or false");
        return node.asBoolean();
    }

    private static List<String> walkthrough(Path path, JsonNode root) {
        JsonNode node = root.get("walkthrough");
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new BadInputException(path, 0, "walkthrough", "expected a list of commands");
        List<String> commands = new ArrayList<>();
        for (JsonNode command : node) {
            if (!command.isTextual()) {
                throw new BadInputException(path, 0, "walkthrough", "expected every command to be a string");
            }
            commands.add(command.asText());
        }
        return commands;
    }
}
