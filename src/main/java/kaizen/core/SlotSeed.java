package kaizen.core;

/**
 * The seed of one slot of a generation run: a well-mixed function of (run seed, slot, attempt)
 * (SplitMix64's finaliser), so every slot is independent of the others and of concurrency, and
 * the same run seed always gives the same data.
 */
public final class SlotSeed {
    private SlotSeed() {}

    public static long of(long seed, int slot, int attempt) {
        long z = seed * 0x9E3779B97F4A7C15L + (slot + 1L) * 0xBF58476D1CE4E5B9L + (attempt + 1L) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
