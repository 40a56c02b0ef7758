package kaizen.harness.alfworld;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Json;
import kaizen.env.alfworld.AlfworldGame;

/**
 * A small stand-in ALFWorld game for protocol tests, read from golden/alfworld/scripted_game.json
 * (the same script gen_alfworld_golden.py plays): each listed command gives its observation, won,
 * done and next admissible commands; any other command gives "Nothing happens." and changes nothing.
 */
final class ScriptedGame implements AlfworldGame {
    static final Path SPEC = Path.of("src/test/resources/golden/alfworld/scripted_game.json");

    private final JsonNode spec;
    private List<String> admissible;
    final List<String> played = new ArrayList<>();

    ScriptedGame(JsonNode spec) {
        this.spec = spec;
    }

    static ScriptedGame load() {
        try {
            return new ScriptedGame(Json.parse(Files.readString(SPEC)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String intro() {
        return load().spec.get("intro").asText();
    }

    @Override
    public Step reset() {
        admissible = strings(spec.get("admissible"));
        played.clear();
        return new Step(spec.get("intro").asText(), false, false, admissible);
    }

    @Override
    public Step step(String command) {
        played.add(command);
        JsonNode s = spec.get("steps").get(command);
        if (s == null) return new Step("Nothing happens.", false, false, admissible);
        admissible = strings(s.get("admissible"));
        return new Step(s.get("observation").asText(), s.path("won").asBoolean(false), s.path("done").asBoolean(false), admissible);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }
}
