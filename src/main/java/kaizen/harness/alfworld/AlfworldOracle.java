package kaizen.harness.alfworld;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.Message;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;

/**
 * An agent that plays the game file's "walkthrough" (the expert plan stored with each game), one
 * command per turn, to check the environment and the harness with no model. Each output names its
 * step, so consecutive identical commands never trip the three-identical-outputs rule. Past the end
 * of the walkthrough it answers "look". One oracle per episode: it counts its own turns.
 */
public final class AlfworldOracle implements ChatModel {
    private final List<String> walkthrough;
    private int turn;

    public AlfworldOracle(List<String> walkthrough) {
        this.walkthrough = List.copyOf(walkthrough);
    }

    public static AlfworldOracle of(AlfworldTask task) {
        return new AlfworldOracle(walkthrough(task.gameFile()));
    }

    /** The "walkthrough" list of a game file. */
    public static List<String> walkthrough(Path gameFile) {
        JsonNode root;
        try {
            root = Json.parse(Files.readString(gameFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(gameFile, 0, "", "not a readable ALFWorld game file: " + e.getMessage());
        }
        JsonNode steps = root.path("walkthrough");
        if (!steps.isArray()) throw new BadInputException(gameFile, 0, "walkthrough", "expected an array of commands");
        List<String> out = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.isTextual()) throw new BadInputException(gameFile, 0, "walkthrough", "expected strings, found " + s.getNodeType());
            out.add(s.asText());
        }
        return List.copyOf(out);
    }

    @Override
    public synchronized ModelReply complete(List<Message> messages) {
        int step = turn++;
        if (step >= walkthrough.size()) {
            return new ModelReply.Text("THOUGHT: The walkthrough is over (step " + (step + 1) + ").\nACTION: look");
        }
        return new ModelReply.Text("THOUGHT: Step " + (step + 1) + " of " + walkthrough.size() + " of the walkthrough.\nACTION: "
                + walkthrough.get(step));
    }
}
