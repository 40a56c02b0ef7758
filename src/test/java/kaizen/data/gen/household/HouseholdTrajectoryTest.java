package kaizen.data.gen.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.env.household.Family;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Household trajectories: golden text (plain ReAct and StateAct, the first closed-first recovery of
 * seed 7), byte determinism, and the shape of every conversation. Regenerate goldens after an
 * intended change with {@code -Dkaizen.golden.update=true}.
 */
class HouseholdTrajectoryTest {
    private static final Pattern TURN = Pattern.compile("THOUGHT: [^\\n].*\\nACTION: [^\\n]+", Pattern.DOTALL);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void renderedTrajectoryMatchesTheGoldenFile(boolean stateAct) throws Exception {
        Path golden = Path.of("src/test/resources/golden/household/trajectory_" + (stateAct ? "stateact" : "react") + ".txt");
        Trajectory t = null;
        for (int slot = 0; t == null; slot++) {
            Trajectory c = HouseholdFactory.slot(new HouseholdFactory.Settings(1, 7, stateAct, true, false), slot).trajectory();
            if (c.metadata().get("variant").equals("closed-first")) t = c;
        }
        StringBuilder out = new StringBuilder("# " + t.taskId() + " " + t.category() + " " + t.metadata() + " sha256=" + t.contentHash() + "\n");
        for (Message m : t.messages()) out.append("\n=== ").append(m.role().wireName()).append(" ===\n").append(m.content()).append('\n');
        String text = out.toString();
        if (Boolean.getBoolean("kaizen.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text);
    }

    @Test
    void theSameSettingsGiveTheSameBytes() throws Exception {
        var s = new HouseholdFactory.Settings(60, 5, true, true, false);
        HouseholdFactory.write(HouseholdFactory.generate(s), dir.resolve("a"));
        HouseholdFactory.write(HouseholdFactory.generate(s), dir.resolve("b"));
        byte[] a = Files.readAllBytes(dir.resolve("a").resolve(Trajectory.FILE_NAME));
        assertEquals(new String(a, StandardCharsets.UTF_8), Files.readString(dir.resolve("b").resolve(Trajectory.FILE_NAME)));
        HouseholdFactory.write(HouseholdFactory.generate(new HouseholdFactory.Settings(60, 6, true, true, false)), dir.resolve("c"));
        assertNotEquals(new String(a, StandardCharsets.UTF_8), Files.readString(dir.resolve("c").resolve(Trajectory.FILE_NAME)));
        assertEquals(60, Trajectory.readAll(dir.resolve("a").resolve(Trajectory.FILE_NAME)).size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyConversationAlternatesAndEndsWithTheSolvingAction(boolean stateAct) {
        HouseholdFactory.Result r = HouseholdFactory.generate(new HouseholdFactory.Settings(300, 3, stateAct, true, false));
        assertEquals(0, r.rejected());
        r.perFamily().values().forEach(n -> assertEquals(50, n));
        assertTrue(r.perVariant().getOrDefault("closed-first", 0) > 0 && r.perVariant().getOrDefault("invalid-then-fix", 0) > 0, r.perVariant().toString());
        for (Trajectory t : r.trajectories()) {
            assertTrue(t.outcome().success());
            for (int i = 0; i < t.messages().size(); i++) {
                Message m = t.messages().get(i);
                assertEquals(i % 2 == 0 ? Role.USER : Role.ASSISTANT, m.role());
                if (m.role() == Role.ASSISTANT) {
                    assertTrue(TURN.matcher(m.content()).matches(), m.content());
                    if (stateAct) assertTrue(m.content().startsWith("THOUGHT: Goal: ") && m.content().contains("\nLocation: ")
                            && m.content().contains("\nInventory: "), m.content());
                }
            }
            assertEquals(Role.ASSISTANT, t.messages().getLast().role());
        }
    }

    /**
     * The generator and the evaluation write the same texts: each generated conversation, its
     * assistant turns replayed through the household evaluation protocol on the same world, comes
     * back message for message, refused mistakes included, and wins.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aGeneratedConversationReplayedThroughTheEvaluationComesBackIdentical(boolean stateAct) {
        HouseholdFactory.Settings s = new HouseholdFactory.Settings(60, 11, stateAct, !stateAct, false);
        for (Trajectory t : HouseholdFactory.generate(s).trajectories()) {
            Family family = Arrays.stream(Family.values()).filter(f -> f.wireName().equals(t.category())).findFirst().orElseThrow();
            HouseholdTask task = new HouseholdTask(0, t.taskId(), family, t.seed());
            List<String> outputs = t.messages().stream().filter(m -> m.role() == Role.ASSISTANT).map(Message::content).toList();
            int[] turn = {0};
            ChatModel replay = messages -> new ModelReply.Text(outputs.get(turn[0]++));
            HouseholdEpisode.Result r = new HouseholdEpisode(new HouseholdPrompt(stateAct, !stateAct), HouseholdEpisode.DEFAULT_MAX_STEP)
                    .run(task, replay);
            assertEquals(t.messages(), r.history(), t.taskId());
            assertTrue(r.won(), t.taskId());
            assertEquals(HouseholdTask.id(t.seed()), t.taskId());
        }
    }
}
