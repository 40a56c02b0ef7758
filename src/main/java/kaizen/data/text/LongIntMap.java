package kaizen.data.text;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} keys to non-negative {@code int} values, without boxing:
 * the n-gram indexes hold hundreds of thousands of keys and are probed for every n-gram of every
 * example. {@link #get} answers -1 for a missing key.
 */
public final class LongIntMap {
    private long[] keys;
    private int[] values;
    private boolean[] used;
    private int size;

    public LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        used = new boolean[cap];
    }

    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) return values[i];
        }
        return -1;
    }

    /** Sets the value of {@code key}; answers the previous value or -1. */
    public int put(long key, int value) {
        if (value < 0) throw new IllegalArgumentException("values must be >= 0");
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                int old = values[i];
                values[i] = value;
                return old;
            }
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
        return -1;
    }

    /** Adds {@code delta} to the value of {@code key} (0 when missing); answers the new value. */
    public int add(long key, int delta) {
        int old = get(key);
        int now = Math.max(old, 0) + delta;
        put(key, now);
        return now;
    }

    public int size() {
        return size;
    }

    /** Calls {@code visitor} for every entry, in slot order. */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) visitor.visit(keys[i], values[i]);
        }
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(long key, int value);
    }

    private static int slot(long key, int mask) {
        return (int) WordHashes.mix(key) & mask;
    }

    private void grow() {
        long[] k = keys;
        int[] v = values;
        boolean[] u = used;
        keys = new long[k.length * 2];
        values = new int[k.length * 2];
        used = new boolean[k.length * 2];
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (u[i]) put(k[i], v[i]);
        }
        Arrays.fill(u, false);
    }
}
