package kaizen.harness.household;

import java.util.Locale;
import kaizen.core.KaizenException;

/**
 * Which worlds a run plays. Worlds come from run seeds: slot i of run seed R is the world
 * {@code SlotSeed.of(R, i, attempt)} of family i mod 6, as {@code kaizen data gen household --seed R}
 * draws them. Training uses run seeds below {@link #HELD_OUT_FIRST} (generation refuses others);
 * held-out evaluation with {@code --seed S} plays run seed {@code HELD_OUT_FIRST + S}, a run seed that
 * generation never uses, so its worlds are not in any generated data.
 */
public enum HouseholdSplit {
    /** The worlds of {@code kaizen data gen household --seed S} (teacher rollouts, checking fit). */
    TRAIN("train"),
    /** Worlds of run seeds that generation refuses: the evaluation's default. */
    HELD_OUT("held-out");

    /** The first run seed reserved for held-out evaluation. */
    public static final long HELD_OUT_FIRST = 1_000_000_000L;

    private final String wireName;

    HouseholdSplit(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The run seed of {@code --seed S} in this split.
     *
     * @throws KaizenException when S is outside [0, HELD_OUT_FIRST)
     */
    public long runSeed(long seed) {
        if (seed < 0 || seed >= HELD_OUT_FIRST) {
            throw new KaizenException("--seed must be in [0, " + HELD_OUT_FIRST + "), not " + seed
                    + " (run seeds from " + HELD_OUT_FIRST + " on are the held-out split)");
        }
        return this == TRAIN ? seed : HELD_OUT_FIRST + seed;
    }

    /** Whether generation may use this run seed (false for the held-out range). */
    public static boolean trainingSeed(long runSeed) {
        return runSeed < HELD_OUT_FIRST;
    }

    public static HouseholdSplit of(String name) {
        for (HouseholdSplit s : values()) if (s.wireName.equals(name.toLowerCase(Locale.ROOT))) return s;
        throw new KaizenException("--split must be train or held-out, not '" + name + "'");
    }
}
