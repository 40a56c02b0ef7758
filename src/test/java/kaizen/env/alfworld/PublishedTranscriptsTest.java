package kaizen.env.alfworld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays transcripts of real ALFWorld runs (alfworld/TextWorld output published in public
 * repositories' logs) of games we have in the shared data, and compares Kaizen's text with the
 * published text byte for byte: the intro, every observation, and the admissible commands where the
 * log recorded them.
 *
 * <p>Fixtures in {@code golden/alfworld-published/} must match exactly; the test fails on any
 * difference. Fixtures in {@code golden/alfworld-published-mismatch/} are transcripts known to
 * differ from Kaizen (a difference that is not yet explained or fixed): the test replays them and
 * prints every difference, but does not fail on them; it fails only if such a fixture cannot be
 * replayed at all (missing game). The one there now is an AgentQuest example run on an older
 * alfworld (before 0.4: "You arrive at loc 34.", "put X in/on Y", no "help" command), kept to
 * show that the test tells such logs apart; its other texts and its "Nothing happens." match. Each fixture holds only the game's texts and the commands, with
 * its source; see the JSON files for the layout ({@code source}, {@code game}, {@code intro},
 * optional {@code introAdmissible}, {@code steps[{command, observation, admissible?}]}).
 */
class PublishedTranscriptsTest {
    private static final Path GAMES = Path.of("../shared/data/alfworld/json_2.1.1");
    private static final Path MATCHING = Path.of("src/test/resources/golden/alfworld-published");
    private static final Path MISMATCHING = Path.of("src/test/resources/golden/alfworld-published-mismatch");
    /** At least this many matching fixtures must be present. */
    private static final int MIN_FIXTURES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishedTranscriptsMatchByteForByte() throws IOException {
        List<Path> fixtures = fixtures(MATCHING);
        assertTrue(fixtures.size() >= MIN_FIXTURES, "only " + fixtures.size() + " fixtures in " + MATCHING);
        List<String> differences = new ArrayList<>();
        int steps = 0;
        for (Path fixture : fixtures) {
            Replay replay = replay(fixture);
            steps += replay.steps;
            differences.addAll(replay.differences);
        }
        System.out.println("published ALFWorld transcripts: " + fixtures.size() + " fixtures, " + steps + " steps");
        assertTrue(differences.isEmpty(), differences.size() + " differences:\n" + String.join("\n", differences));
    }

    @Test
    void knownMismatchesAreReported() throws IOException {
        List<Path> fixtures = fixtures(MISMATCHING);
        for (Path fixture : fixtures) {
            Replay replay = replay(fixture);
            if (replay.differences.isEmpty()) {
                System.out.println("NOW MATCHES (move it to " + MATCHING + "): " + fixture);
            } else {
                System.out.println("KNOWN MISMATCH " + fixture + ":\n  " + String.join("\n  ", replay.differences));
            }
        }
    }

    private record Replay(int steps, List<String> differences) {}

    private static List<Path> fixtures(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Replay replay(Path fixture) throws IOException {
        JsonNode root = JSON.readTree(fixture.toFile());
        String name = fixture.getFileName().toString();
        Path gameFile = GAMES.resolve(root.get("game").asText()).resolve("game.tw-pddl");
        assertTrue(Files.isRegularFile(gameFile), name + ": no game file " + gameFile);
        AlfworldGame game = Alfworld.load(gameFile);
        List<String> differences = new ArrayList<>();
        AlfworldGame.Step step = game.reset();
        compare(differences, name + " intro", root.get("intro").asText(), step.observation());
        if (root.has("introAdmissible")) {
            compareCommands(differences, name + " intro", root.get("introAdmissible"), step.admissibleCommands());
        }
        int index = 0;
        for (JsonNode expected : root.get("steps")) {
            index++;
            String command = expected.get("command").asText();
            step = game.step(command);
            String where = name + " step " + index + " '" + command + "'";
            compare(differences, where, expected.get("observation").asText(), step.observation());
            if (expected.has("admissible")) {
                compareCommands(differences, where, expected.get("admissible"), step.admissibleCommands());
            }
        }
        return new Replay(index, differences);
    }

    private static void compare(List<String> differences, String where, String published, String kaizen) {
        if (!published.equals(kaizen)) {
            differences.add(where + ":\n    published: " + quote(published) + "\n    kaizen:    " + quote(kaizen));
        }
    }

    private static void compareCommands(List<String> differences, String where, JsonNode published, List<String> kaizen) {
        List<String> expected = new ArrayList<>();
        published.forEach(c -> expected.add(c.asText()));
        if (!expected.equals(kaizen)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(kaizen);
            List<String> extra = new ArrayList<>(kaizen);
            extra.removeAll(expected);
            differences.add(where + " admissible commands: missing " + missing + ", extra " + extra
                    + (missing.isEmpty() && extra.isEmpty() ? " (order differs)" : ""));
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }
}
