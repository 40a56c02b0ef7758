package kaizen.harness.household;

import java.nio.file.Path;
import java.util.List;
import kaizen.core.Message;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.testing.GoldenFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text the model reads in a household evaluation, as golden files: the oracle's whole
 * episode on held-out world 2 (heat-then-put) in each prompt style, after one refused command.
 * Regenerate after an intended change with {@code -Dkaizen.golden.update=true}.
 */
class HouseholdPromptGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"react", "stateact", "react-no-list"})
    void anEpisodeAsTheModelReadsIt(String style) {
        HouseholdPrompt prompt = new HouseholdPrompt(style.equals("stateact"), !style.endsWith("no-list"));
        HouseholdTask task = HouseholdTask.of(HouseholdSplit.HELD_OUT, 1, 3).get(2);
        ChatModel oracle = new HouseholdOracle(task);
        boolean[] first = {true};
        ChatModel model = messages -> {
            if (!first[0]) return oracle.complete(messages);
            first[0] = false;
            return new ModelReply.Text("THOUGHT: I will try a verb from elsewhere.\nACTION: go to the oven");
        };
        HouseholdEpisode.Result r = new HouseholdEpisode(prompt, HouseholdEpisode.DEFAULT_MAX_STEP).run(task, model);
        StringBuilder out = new StringBuilder("# " + task.id() + " " + task.family().wireName() + " " + r.status().text() + " won=" + r.won() + "\n");
        for (Message m : r.history()) out.append("\n=== ").append(m.role().wireName()).append(" ===\n").append(m.content()).append('\n');
        GoldenFile.assertMatches(Path.of("src/test/resources/golden/household/eval_" + style + ".txt"), out.toString());
    }

}
