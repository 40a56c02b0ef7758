package kaizen.data.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts as sequences of word hashes, and runs of consecutive words (n-grams, shingles) as single
 * {@code long}s. A word is a maximal run of letters or digits, lower-cased, so quoting,
 * punctuation, case and spacing (a Python tuple of cells vs. a JSON list of them) do not hide an
 * overlap. Used by dedup (shingles for MinHash) and by the decontamination gate (13-grams).
 */
public final class WordHashes {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Odd multiplier of the polynomial rolling hash over word hashes. */
    private static final long ROLL = 0x9E3779B97F4A7C15L;

    private WordHashes() {}

    /** FNV-1a 64 of each word of {@code text}, in order. */
    public static long[] words(String text) {
        long[] out = new long[Math.max(4, text.length() / 5)];
        int n = 0;
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                h = (h ^ Character.toLowerCase(c)) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, n * 2);
                out[n++] = h;
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        if (inWord) {
            if (n == out.length) out = java.util.Arrays.copyOf(out, n + 1);
            out[n++] = h;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The words themselves (lower-cased), same splitting as {@link #words}; for reports. */
    public static List<String> wordTexts(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                cur.append(Character.toLowerCase(c));
            } else if (!cur.isEmpty()) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (!cur.isEmpty()) out.add(cur.toString());
        return out;
    }

    /**
     * The hash of every run of {@code n} consecutive words, in order ({@code words.length - n + 1}
     * of them; none when the text is shorter). Rolling, so O(words) whatever n is.
     */
    public static long[] ngrams(long[] words, int n) {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, not " + n);
        if (words.length < n) return new long[0];
        long[] out = new long[words.length - n + 1];
        long top = 1; // ROLL^(n-1)
        for (int i = 1; i < n; i++) top *= ROLL;
        long h = 0;
        for (int i = 0; i < n; i++) h = h * ROLL + words[i];
        out[0] = mix(h);
        for (int i = n; i < words.length; i++) {
            h = (h - words[i - n] * top) * ROLL + words[i];
            out[i - n + 1] = mix(h);
        }
        return out;
    }

    /** MurmurHash3's 64-bit finaliser: spreads the bits so hashes can seed MinHash permutations. */
    public static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb93fe53ec94dL;
        x ^= x >>> 33;
        return x;
    }
}
