package kaizen.harness.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kaizen.core.Role;
import kaizen.env.household.Command;
import kaizen.env.household.World;
import kaizen.harness.FinishStatus;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The household protocol for any world and any model output. */
class HouseholdEpisodePropertiesTest {
    private static final HouseholdEpisode EPISODE = new HouseholdEpisode(HouseholdPrompt.DEFAULT, 12);

    /** An admissible command typed in any case, with extra spaces, a thought before it and text on the next line, is always accepted. */
    @Property(tries = 150)
    void anAdmissibleCommandIsAcceptedHoweverItIsWritten(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
            @ForAll @IntRange(min = 0, max = 59) int slot) {
        HouseholdTask task = HouseholdTask.slot(seed, slot);
        World mirror = task.world();
        SplittableRandom rng = new SplittableRandom(seed * 61L + slot);
        int[] turn = {0};
        ChatModel agent = messages -> {
            List<Command> admissible = mirror.admissible();
            String command = admissible.get(rng.nextInt(admissible.size())).text();
            mirror.step(command);
            String typed = rng.nextBoolean() ? command.toUpperCase(Locale.ROOT) : command.replace(" ", "  ");
            return new ModelReply.Text("THOUGHT: turn " + turn[0]++ + ", the action comes next.\nACTION:  " + typed + " \nI hope it works.");
        };
        HouseholdEpisode.Result r = EPISODE.run(task, agent);
        assertEquals(0, r.invalidActions(), () -> r.log().toString());
        assertTrue(r.status() == FinishStatus.COMPLETED || r.status() == FinishStatus.TASK_LIMIT_REACHED, r.status().text());
        assertEquals(r.status() == FinishStatus.COMPLETED, r.won());
    }

    /** Any output: the episode ends with one of the protocol's statuses, never an error, and the turns alternate. */
    @Property(tries = 300)
    void anyOutputEndsCleanly(@ForAll List<String> outputs, @ForAll @IntRange(min = 0, max = 5) int slot) {
        HouseholdTask task = HouseholdTask.slot(HouseholdSplit.HELD_OUT_FIRST, slot);
        int[] turn = {0};
        ChatModel agent = messages -> new ModelReply.Text(outputs.isEmpty() ? "" : outputs.get(turn[0]++ % outputs.size()));
        HouseholdEpisode.Result r = EPISODE.run(task, agent);
        assertNotEquals(FinishStatus.UNKNOWN, r.status(), r.error());
        for (int i = 0; i < r.history().size(); i++) assertEquals(i % 2 == 0 ? Role.USER : Role.ASSISTANT, r.history().get(i).role());
        assertTrue(r.log().size() <= 12);
    }
}
