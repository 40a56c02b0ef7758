package kaizen.data.gen.household;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.env.household.Family;
import kaizen.env.household.World;
import kaizen.harness.ReactRules;
import kaizen.harness.household.HouseholdPrompt;

/**
 * Plays a household conversation's replies in its world again: the world is regenerated from the
 * trajectory's seed and family (its category), each reply's ACTION line is done, and every user
 * turn is what the world answers (plus the available-actions line when the conversation lists
 * them). A trajectory is sound when the replayed conversation is identical and the goal is met by
 * the last reply, not before.
 */
public final class HouseholdReplay {
    private HouseholdReplay() {}

    /** The command a ReAct reply asks for, read as the evaluation reads it (empty when it has none). */
    public static String action(String reply) {
        return ReactRules.action(reply).orElse("");
    }

    /** Whether the conversation reproduces in its world and ends with the goal met. */
    public static boolean sound(Trajectory t) {
        List<String> replies = t.messages().stream().filter(m -> m.role() == Role.ASSISTANT).map(Message::content).toList();
        return play(t, replies).map(ms -> ms.equals(t.messages())).orElse(false);
    }

    /**
     * The conversation the world gives for {@code replies}, opening with {@code t}'s first user turn;
     * empty when the world is not the trajectory's, or the goal is not met exactly at the last reply.
     */
    public static Optional<List<Message>> play(Trajectory t, List<String> replies) {
        Optional<Family> family = java.util.Arrays.stream(Family.values()).filter(f -> f.wireName().equals(t.category())).findFirst();
        if (family.isEmpty() || t.messages().isEmpty()) return Optional.empty();
        World world = World.generate(t.seed(), family.get());
        Message first = t.messages().getFirst();
        if (first.role() != Role.USER || !first.content().contains(world.intro())) return Optional.empty();
        HouseholdPrompt prompt = new HouseholdPrompt(false, first.content().contains(HouseholdPrompt.ACTION_LIST));
        List<Message> out = new ArrayList<>();
        out.add(first);
        for (int i = 0; i < replies.size(); i++) {
            out.add(Message.assistant(replies.get(i)));
            World.Feedback fb = world.step(action(replies.get(i)));
            boolean last = i == replies.size() - 1;
            if (fb.goalMet() != last) return Optional.empty();
            if (!last) out.add(Message.user(prompt.observation(fb.text(), world)));
        }
        return Optional.of(out);
    }
}
