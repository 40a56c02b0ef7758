package kaizen.harness.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.harness.Session;
import org.junit.jupiter.api.Test;

/**
 * Every text the model sees and every reading of its output, against the golden files made by
 * src/test/python/gen_alfworld_golden.py (Python's re and str, NLTK's BLEU, numpy's argmax).
 */
class AlfworldGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/alfworld");
    static final Path PROMPTS = Path.of("../shared/data/agentbench/alfworld_multiturn_plan_first.json");

    static JsonNode json(String name) throws Exception {
        return Json.parse(Files.readString(GOLDEN.resolve(name)));
    }

    static List<Message> messages(JsonNode array) {
        List<Message> out = new ArrayList<>();
        for (JsonNode m : array) out.add(new Message(Role.fromWire(m.get("role").asText()), m.get("content").asText()));
        return out;
    }

    @Test
    void instructionIsTheReferenceTextByteForByte() throws Exception {
        assertEquals(Files.readString(GOLDEN.resolve("instruction.txt")), AlfworldPrompt.INSTRUCTION);
    }

    @Test
    void firstTurnOfEachTaskTypeIsTheReferenceConversation() throws Exception {
        AlfworldPrompt prompt = AlfworldPrompt.load(PROMPTS);
        ScriptedGame game = ScriptedGame.load();
        var start = game.reset();
        for (AlfworldTaskType type : AlfworldTaskType.values()) {
            List<Message> expected = messages(json("opening_" + type.prefix() + ".json"));
            List<Message> opening = prompt.opening(type, start.observation(), start.admissibleCommands());
            assertEquals(expected, opening, type.prefix());
            // What the first request carries: the whole opening (it is far below the window's limit).
            assertEquals(expected, Session.window(opening), type.prefix());
        }
    }

    @Test
    void textsMatchPython() throws Exception {
        JsonNode t = json("texts.json");
        for (JsonNode r : t.get("observations")) assertEquals(r.get("out").asText(), AlfworldActions.observation(r.get("in").asText()));
        for (JsonNode r : t.get("initial_observations")) {
            assertEquals(r.get("out").asText(), AlfworldPrompt.initialObservation(r.get("in").asText()), r.get("in").asText());
        }
        for (JsonNode r : t.get("available_actions")) {
            assertEquals(r.get("out").asText(), AlfworldPrompt.availableActions(ScriptedGame.strings(r.get("in"))));
        }
        for (JsonNode r : t.get("segments")) assertEquals(r.get("out").asInt(), Session.segments(r.get("in").asText()), r.get("in").asText());
    }

    @Test
    void processActionMatchesPythonOnEveryGoldenOutput() {
        List<JsonlRecord> rows = Jsonl.readAll(GOLDEN.resolve("actions.jsonl"));
        assertEquals(384, rows.size());
        for (JsonlRecord r : rows) {
            String output = r.node().get("output").asText();
            List<String> admissible = ScriptedGame.strings(r.node().get("admissible"));
            JsonNode a = r.node().get("action");
            Optional<String> expected = a.isNull() ? Optional.empty() : Optional.of(a.asText());
            assertEquals(expected, AlfworldActions.command(output, admissible), output + " among " + admissible);
        }
    }

    /** Bit for bit, so that argmax ties and the 0.01 limit fall as in Python. */
    @Test
    void bleuMatchesNltkExactly() {
        List<JsonlRecord> rows = Jsonl.readAll(GOLDEN.resolve("bleu.jsonl"));
        assertEquals(23 * 23 + 1500, rows.size());
        List<String> bad = new ArrayList<>();
        for (JsonlRecord r : rows) {
            String ref = r.node().get("reference").asText();
            String hyp = r.node().get("hypothesis").asText();
            double expected = r.node().get("score").asDouble();
            double got = SentenceBleu.score(kaizen.core.python.PyStrings.split(ref), kaizen.core.python.PyStrings.split(hyp));
            if (expected != got) bad.add("bleu(" + ref + " | " + hyp + ") = " + expected + ", not " + got);
        }
        assertEquals(List.of(), bad, bad.size() + " differ");
    }
}
