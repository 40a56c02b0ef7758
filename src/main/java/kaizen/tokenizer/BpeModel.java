package kaizen.tokenizer;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE on int arrays. A word's bytes start as their single-byte tokens; the pair with
 * the lowest merge rank is merged, every non-overlapping occurrence left to right, until no
 * adjacent pair has a merge. This is the order the reference's heap produces, because a merge
 * always ranks after the merges that built its two halves. Words are cached: real text repeats
 * its words, and the cache is what makes encoding fast.
 */
final class BpeModel {
    private static final int CACHE_MAX_CHARS = 64;
    private static final int CACHE_MAX_ENTRIES = 200_000;

    private final int[] byteTokens;
    private final PairMap merges;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /** @param byteTokens the token id of each single byte */
    BpeModel(int[] byteTokens, PairMap merges) {
        this.byteTokens = byteTokens;
        this.merges = merges;
    }

    /** Tokens of the word {@code s[from, to)}, appended to {@code out}. */
    void encodeWord(String s, int from, int to, IntList out, byte[] scratch) {
        int n = to - from;
        if (n <= CACHE_MAX_CHARS) {
            String key = s.substring(from, to);
            int[] hit = cache.get(key);
            if (hit == null) {
                hit = bpe(s, from, to, scratch);
                if (cache.size() >= CACHE_MAX_ENTRIES) cache.clear();
                cache.put(key, hit);
            }
            out.addAll(hit);
        } else {
            out.addAll(bpe(s, from, to, n * 3 <= scratch.length ? scratch : new byte[n * 3]));
        }
    }

    private int[] bpe(String s, int from, int to, byte[] scratch) {
        int len = Utf8.encode(s, from, to, scratch, 0);
        int[] sym = new int[len];
        for (int i = 0; i < len; i++) sym[i] = byteTokens[scratch[i] & 0xFF];
        if (len == 1) return sym;
        long[] pairs = new long[len - 1]; // (rank << 32 | merged id) of (sym[i], sym[i+1]), or -1
        for (int i = 0; i < len - 1; i++) pairs[i] = merges.get(sym[i], sym[i + 1]);
        int n = len;
        while (n > 1) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n - 1; i++) {
                long p = pairs[i];
                if (p >= 0 && p < best) best = p;
            }
            if (best == Long.MAX_VALUE) break;
            int rank = (int) (best >>> 32);
            int merged = (int) best;
            int w = 0;
            for (int r = 0; r < n; r++) {
                if (r < n - 1 && pairs[r] >= 0 && (int) (pairs[r] >>> 32) == rank) {
                    sym[w++] = merged;
                    r++;
                } else {
                    sym[w++] = sym[r];
                }
            }
            n = w;
            for (int i = 0; i < n - 1; i++) pairs[i] = merges.get(sym[i], sym[i + 1]);
        }
        return n == sym.length ? sym : Arrays.copyOf(sym, n);
    }

    /** Open-addressing map from a token pair to (rank << 32 | merged id). */
    static final class PairMap {
        private final long[] keys;
        private final long[] values;
        private final int mask;

        PairMap(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            keys = new long[cap];
            values = new long[cap];
            Arrays.fill(keys, -1L);
            mask = cap - 1;
        }

        private static long key(int a, int b) {
            return ((long) a << 32) | (b & 0xFFFFFFFFL);
        }

        private static int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40);
        }

        /** Keeps the first (lowest-ranked) merge of a pair, as the reference does. */
        void putIfAbsent(int a, int b, int rank, int merged) {
            long k = key(a, b);
            int i = slot(k) & mask;
            while (keys[i] != -1L) {
                if (keys[i] == k) return;
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = ((long) rank << 32) | merged;
        }

        long get(int a, int b) {
            long k = key(a, b);
            int i = slot(k) & mask;
            while (true) {
                long stored = keys[i];
                if (stored == k) return values[i];
                if (stored == -1L) return -1L;
                i = (i + 1) & mask;
            }
        }
    }
}
