package kaizen.data.negatives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.gen.household.HouseholdReplay;
import kaizen.data.gen.household.Mistakes;
import kaizen.data.negatives.Negatives.Bad;
import kaizen.data.negatives.Negatives.Derived;
import kaizen.env.household.Command;
import kaizen.env.household.Family;
import kaizen.env.household.World;

/**
 * Bad household (ReAct) turns: format violations (two ACTION lines, no ACTION line, prose), an
 * invalid command (a verb or receptacle number the world does not have, which it refuses), and a
 * hallucinated observation written after the action. Every bad turn is tried in the real world at
 * its point of the conversation; recovery examples are the world's own replay of the new replies
 * ({@link HouseholdReplay}), so every user turn in them is what the world said.
 */
final class HouseholdNegatives {
    private static final String OBSERVATION = "\nOBSERVATION: ";

    private HouseholdNegatives() {}

    static Derived derive(Trajectory t, SplittableRandom rng, double recoveryShare) {
        List<Integer> replies = Negatives.trainedReplies(t, 1);
        Optional<World> check = worldAt(t, 0);
        if (replies.isEmpty() || check.isEmpty()) return new Derived(List.of(), List.of("no world or trained reply to replay"));
        List<Trajectory> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int k = Negatives.pick(replies, rng);
        List<Bad> options = new ArrayList<>(formatViolations(t, k, rng));
        hallucination(t, k).ifPresent(options::add);
        invalid(t, k, rng).ifPresent(options::add);
        out.add(Negatives.rejected(t, k, Negatives.pickBalanced(options, rng)));
        if (rng.nextDouble() < recoveryShare) {
            Optional<Trajectory> r = recovery(t, replies, rng);
            if (r.isPresent()) out.add(r.get());
            else skipped.add("no recovery example replays soundly");
        }
        return new Derived(out, skipped);
    }

    private static List<Bad> formatViolations(Trajectory t, int k, SplittableRandom rng) {
        String reply = t.messages().get(k).content();
        String action = HouseholdReplay.action(reply);
        List<String> others = available(t.messages().get(k - 1).content()).stream().filter(a -> !a.equals(action)).toList();
        String other = others.isEmpty() ? "look around" : Negatives.pick(others, rng);
        String thought = reply.substring(0, Math.max(0, reply.indexOf("\nACTION:"))).strip();
        return List.of(
                new Bad("format/two-actions", reply + "\nACTION: " + other),
                new Bad("format/no-action", thought.isEmpty() ? "THOUGHT: I should " + action + "." : thought),
                new Bad("format/prose", "Next I will " + action + ", and after that " + other + "."));
    }

    /** The expert's reply with an observation of its own invention after the action (one seen earlier, or a made-up one). */
    private static Optional<Bad> hallucination(Trajectory t, int k) {
        if (k + 1 >= t.messages().size()) return Optional.empty();
        String real = observation(t.messages().get(k + 1).content());
        String fake = "You do it. Everything is now as you wanted.";
        for (int j = k - 1; j >= 2; j -= 2) {
            String seen = observation(t.messages().get(j).content());
            if (!seen.equals(real) && !seen.isBlank()) {
                fake = seen;
                break;
            }
        }
        return Optional.of(new Bad("hallucination/observation", t.messages().get(k).content() + OBSERVATION + fake));
    }

    /** The expert's thought with a command the world does not have at that point; tried in the world, it must be refused. */
    private static Optional<Bad> invalid(Trajectory t, int k, SplittableRandom rng) {
        Optional<World> w = worldAt(t, k);
        if (w.isEmpty()) return Optional.empty();
        String reply = t.messages().get(k).content();
        String action = HouseholdReplay.action(reply);
        Optional<Command> right = w.get().admissible().stream().filter(c -> c.text().equals(action)).findFirst();
        if (right.isEmpty()) return Optional.empty();
        String wrong = Mistakes.mangle(right.get(), w.get(), rng);
        if (w.get().step(wrong).valid()) return Optional.empty();
        return Optional.of(new Bad("invalid/not-available", reply.substring(0, reply.lastIndexOf("ACTION:")) + "ACTION: " + wrong));
    }

    private static Optional<Trajectory> recovery(Trajectory t, List<Integer> replies, SplittableRandom rng) {
        int k = Negatives.pick(replies, rng);
        List<Optional<Trajectory>> tries = rng.nextBoolean()
                ? List.of(invalidRecovery(t, k, rng), hallucinationRecovery(t, k))
                : List.of(hallucinationRecovery(t, k), invalidRecovery(t, k, rng));
        return tries.stream().flatMap(Optional::stream).findFirst();
    }

    /** The refused command, then the expert's reply at that point with a word on the fix, then the expert's remaining replies. */
    private static Optional<Trajectory> invalidRecovery(Trajectory t, int k, SplittableRandom rng) {
        Optional<Bad> bad = invalid(t, k, rng);
        if (bad.isEmpty()) return Optional.empty();
        String reply = t.messages().get(k).content();
        String fix = Negatives.pick(List.of("That command is not one of the available actions, so nothing happened.",
                "My last command was refused; I must use a command exactly as the available actions write it."), rng);
        List<String> newReplies = new ArrayList<>();
        newReplies.add(bad.get().text());
        newReplies.add(withThoughtOpening(reply, fix));
        return replayed(t, k, bad.get(), newReplies, 1);
    }

    /** The expert's reply with a made-up observation after it; the world's real one follows and the expert goes on. */
    private static Optional<Trajectory> hallucinationRecovery(Trajectory t, int k) {
        if (k + 2 >= t.messages().size()) return Optional.empty();
        Optional<Bad> bad = hallucination(t, k);
        return bad.flatMap(b -> replayed(t, k, b, List.of(b.text()), 0));
    }

    /**
     * The expert's replies before {@code k}, then {@code newReplies}, then the expert's replies after
     * {@code k}, played in the world; the bad reply (the first new one) is untrained, the expert's
     * untrained turns stay untrained. {@code extra} is how many more replies than the expert's there are.
     */
    private static Optional<Trajectory> replayed(Trajectory t, int k, Bad bad, List<String> newReplies, int extra) {
        List<String> replies = new ArrayList<>();
        for (int i = 1; i < k; i += 2) replies.add(t.messages().get(i).content());
        replies.addAll(newReplies);
        for (int i = k + 2; i < t.messages().size(); i += 2) replies.add(t.messages().get(i).content());
        Optional<List<Message>> played = HouseholdReplay.play(t, replies);
        if (played.isEmpty()) return Optional.empty();
        List<Message> ms = played.get();
        // Recovery = expert prefix + bad + the world's reply + the rest, as Negatives.recovery builds it.
        TreeSet<Integer> restUntrained = new TreeSet<>();
        for (int i : t.untrained().tailSet(k + 1)) restUntrained.add(i + 2 * extra - (k + 2));
        return Optional.of(Negatives.recovery(t, k, bad, ms.get(k + 1).content(), ms.subList(k + 2, ms.size()), restUntrained));
    }

    /** The reply with {@code words} at the start of its reasoning (after the StateAct lines when it has them). */
    private static String withThoughtOpening(String reply, String words) {
        String body = reply.substring("THOUGHT: ".length());
        if (!body.startsWith("Goal: ")) return "THOUGHT: " + words + " " + body;
        int at = 0;
        for (int line = 0; line < 3; line++) at = body.indexOf('\n', at) + 1;
        return "THOUGHT: " + body.substring(0, at) + words + " " + body.substring(at);
    }

    /** The world after the expert's replies before message {@code k}. */
    private static Optional<World> worldAt(Trajectory t, int k) {
        Optional<Family> family = Arrays.stream(Family.values()).filter(f -> f.wireName().equals(t.category())).findFirst();
        if (family.isEmpty()) return Optional.empty();
        World w = World.generate(t.seed(), family.get());
        for (int i = 1; i < k; i += 2) {
            if (t.messages().get(i).role() != Role.ASSISTANT) return Optional.empty();
            w.step(HouseholdReplay.action(t.messages().get(i).content()));
        }
        return Optional.of(w);
    }

    private static String observation(String userTurn) {
        int list = userTurn.indexOf("\nAVAILABLE ACTIONS: ");
        return (list < 0 ? userTurn : userTurn.substring(0, list)).strip();
    }

    private static List<String> available(String userTurn) {
        int list = userTurn.indexOf("\nAVAILABLE ACTIONS: ");
        if (list < 0) return List.of();
        return List.of(userTurn.substring(list + "\nAVAILABLE ACTIONS: ".length()).split(", "));
    }
}
