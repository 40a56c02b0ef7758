package kaizen.data.gen.household;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import kaizen.core.Message;
import kaizen.env.household.Command;
import kaizen.env.household.Item;
import kaizen.env.household.Planner;
import kaizen.env.household.Planner.Move;
import kaizen.env.household.Planner.Purpose;
import kaizen.env.household.Receptacle;
import kaizen.env.household.World;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdTask;

/**
 * Plays the planner through a world and writes the conversation in ReAct form: user turns carry
 * the observation (and the available actions), assistant turns are THOUGHT/ACTION. A recovery
 * variant inserts one mistake that the world refuses, then the fix.
 */
final class ExpertPlay {
    /** The shape of the expert's run. */
    enum Variant {
        PLAIN("plain"),
        /** Places into (or uses) a shut receptacle, is refused, then opens it. */
        CLOSED_FIRST("closed-first"),
        /** Types a command the world does not accept (wrong verb or number), then the right one. */
        INVALID_THEN_FIX("invalid-then-fix");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    record Played(List<Message> messages, Variant variant, int actions) {}

    private final World world;
    private final HouseholdPrompt prompt;
    private final RandomGenerator rng;
    private final Thinker thinker;
    private final List<Message> messages = new ArrayList<>();
    private int actions;

    private ExpertPlay(World world, HouseholdPrompt prompt, RandomGenerator rng) {
        this.world = world;
        this.prompt = prompt;
        this.rng = rng;
        this.thinker = new Thinker(world, rng, prompt.stateAct());
    }

    /** Plays the world to its goal; empty if the planner fails, overruns the bound, or a planned mistake was accepted. */
    static Optional<Played> play(World world, Variant wanted, HouseholdPrompt prompt, RandomGenerator rng) {
        return new ExpertPlay(world, prompt, rng).run(wanted);
    }

    private Optional<Played> run(Variant wanted) {
        messages.add(Message.user(prompt.opening(world)));
        Planner planner = new Planner(world, false);
        int mistakeAt = wanted == Variant.INVALID_THEN_FIX ? 1 + rng.nextInt(4) : -1;
        Variant done = Variant.PLAIN;
        for (int step = 0; ; step++) {
            if (actions > HouseholdTask.stepBound(world)) return Optional.empty();
            Optional<Move> next = planner.next();
            if (next.isEmpty()) break;
            Move move = next.get();
            String reasoning = thinker.reason(move);
            if (done == Variant.PLAIN && wanted == Variant.CLOSED_FIRST
                    && (move.purpose() == Purpose.OPEN_TARGET || move.purpose() == Purpose.OPEN_APPLIANCE)) {
                Receptacle here = world.position().orElseThrow();
                Item held = world.carried().orElseThrow();
                Command wrong = move.purpose() == Purpose.OPEN_TARGET ? new Command.Place(held, here)
                        : new Command.Treat(world.goal().family().treatment().orElseThrow(), held, here);
                if (!refused(thinker.unaware(wrong, here, held), wrong.text())) return Optional.empty();
                reasoning = thinker.afterShut(here);
                done = Variant.CLOSED_FIRST;
            } else if (done == Variant.PLAIN && step == mistakeAt) {
                String wrong = Mistakes.mangle(move.command(), world, rng);
                if (!refused(reasoning, wrong)) return Optional.empty();
                reasoning = thinker.afterInvalid(wrong, move.command());
                done = Variant.INVALID_THEN_FIX;
            }
            messages.add(Message.assistant(thinker.turn(reasoning, move.command().text())));
            actions++;
            World.Feedback fb = world.step(move.command());
            if (!fb.valid()) throw new IllegalStateException("the planner's command was refused: " + move.command().text() + " (seed " + world.seed() + ")");
            if (fb.goalMet()) break;
            messages.add(Message.user(prompt.observation(fb.text(), world)));
        }
        if (!world.goalMet()) return Optional.empty();
        return Optional.of(new Played(messages, done, actions));
    }

    /** Writes a mistaken turn and the world's answer; false if the world unexpectedly accepted it. */
    private boolean refused(String reasoning, String wrong) {
        messages.add(Message.assistant(thinker.turn(reasoning, wrong)));
        actions++;
        World.Feedback fb = world.step(wrong);
        if (fb.valid()) return false;
        messages.add(Message.user(prompt.observation(fb.text(), world)));
        return true;
    }
}
