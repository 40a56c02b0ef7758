package kaizen.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The world's engine properties for any seed: solvable, the expert always succeeds in bounds, random play never breaks it. */
class WorldPropertiesTest {

    /** Walk to and open every receptacle once, and the handling: the most a realistic searcher needs. */
    static int bound(World w) {
        return 2 * w.receptacles().size() + 12 + (w.goal().family() == Family.PUT_TWO ? 6 : 0);
    }

    @Property(tries = 300)
    void theExpertSolvesEveryWorldWithinTheBound(@ForAll long seed, @ForAll Family family, @ForAll boolean omniscient) {
        World w = World.generate(seed, family);
        assertEquals(family, w.goal().family());
        assertFalse(w.goalMet(), "the goal must not hold at the start");
        Planner p = new Planner(w, omniscient);
        int steps = 0;
        for (Optional<Planner.Move> m = p.next(); m.isPresent(); m = p.next()) {
            Command c = m.get().command();
            assertTrue(w.step(c).valid(), () -> "planner command refused: " + c.text() + " seed " + seed);
            assertEquals(List.of(), w.brokenInvariants());
            steps++;
            assertTrue(steps <= bound(w), () -> "over the bound " + bound(w) + " for seed " + seed + " " + family);
        }
        assertTrue(w.goalMet());
    }

    /** Random play from the admissible list, sprinkled with junk: every admissible command is accepted, junk changes nothing, invariants hold. */
    @Property(tries = 200)
    void randomLegalPlayNeverBreaksTheWorld(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int length) {
        World w = World.generate(seed);
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> junk = List.of("", "go to cupboard 1", "take cup 1 from worktop 1", "walk to", "pick up nothing from nowhere",
                "place cup 99 in cupboard 1", "open the door", "heat", "walk to walk to", "examine 1", "switch on cupboard 1");
        for (int i = 0; i < length; i++) {
            if (rng.nextInt(5) == 0) {
                String before = snapshot(w);
                World.Feedback fb = w.step(junk.get(rng.nextInt(junk.size())));
                // Junk may happen to be valid in some world (a "cupboard 1" exists); when refused it must change nothing.
                if (!fb.valid()) assertEquals(before, snapshot(w));
            } else {
                List<Command> options = w.admissible();
                Command c = options.get(rng.nextInt(options.size()));
                assertTrue(w.step(c.text()).valid(), () -> "admissible but refused: " + c.text() + " seed " + seed);
            }
            assertEquals(List.of(), w.brokenInvariants());
        }
    }

    @Property(tries = 100)
    void everyAdmissibleCommandReadsBackFromItsText(@ForAll long seed) {
        World w = World.generate(seed);
        Planner p = new Planner(w, false);
        for (Optional<Planner.Move> m = p.next(); m.isPresent(); m = p.next()) {
            for (Command c : w.admissible()) {
                assertEquals(Optional.of(c), Command.parse(c.text().toUpperCase(java.util.Locale.ROOT) + "  ",
                        label -> w.receptacles().stream().filter(r -> r.label().equals(label)).findFirst(),
                        label -> w.items().stream().filter(i -> i.label().equals(label)).findFirst()));
            }
            w.step(m.get().command());
        }
    }

    @Property(tries = 50)
    void theSameSeedGivesTheSameWorldAndTexts(@ForAll long seed) {
        World a = World.generate(seed);
        World b = World.generate(seed);
        assertEquals(a.intro(), b.intro());
        assertEquals(a.goal(), b.goal());
        for (Command c : a.admissible()) assertEquals(a.step(c).text(), b.step(c).text());
    }

    private static String snapshot(World w) {
        StringBuilder s = new StringBuilder(w.position() + "|" + w.carried() + "|" + w.shutHere());
        for (Item i : w.items()) s.append('|').append(w.whereIs(i)).append(w.condition(i));
        return s + "|" + w.admissible();
    }
}
