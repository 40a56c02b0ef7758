package kaizen.data.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.text.LongIntMap;
import kaizen.data.text.WordHashes;

/**
 * Drops exact duplicates (same {@code content_hash}) and near-duplicates (MinHash over word
 * shingles of the user and assistant turns, 128 hashes in 32 bands of 4 for candidates, then
 * the signature's estimated Jaccard against the threshold). The first example in input order is
 * kept; the result does not depend on anything else, so it is deterministic.
 *
 * <p>An example derived from another on purpose (metadata {@code derived_from} naming the other's
 * task id, as negative-sample recovery examples do) is not compared with it.
 *
 * <p>Shingles found in more than half of one source's examples are that source's format (the
 * DBBench instructions every conversation opens with) and are left out; otherwise every pair of
 * one source would look alike.
 */
final class NearDuplicates {
    static final int HASHES = 128;
    static final int BANDS = 32;
    static final int ROWS = HASHES / BANDS;
    private static final double FORMAT_SHARE = 0.5;

    /** One dropped example and why. */
    record Drop(Example example, String reason) {}

    record Result(List<Example> kept, List<Drop> dropped) {}

    private NearDuplicates() {}

    /**
     * Whether one example was derived from the other on purpose (a recovery example from its expert,
     * metadata {@code derived_from}): it repeats the expert's turns around an inserted bad turn, a
     * designed variant rather than an accidental repeat, so the two are not compared.
     */
    private static boolean related(Example a, Example b) {
        return b.trajectory().taskId().equals(a.trajectory().metadata().get(DERIVED_FROM))
                || a.trajectory().taskId().equals(b.trajectory().metadata().get(DERIVED_FROM));
    }

    static final String DERIVED_FROM = "derived_from";

    static Result apply(List<Example> examples, double threshold, int shingle) {
        List<Example> kept = new ArrayList<>();
        List<Drop> dropped = new ArrayList<>();
        Map<String, Example> byHash = new HashMap<>();
        List<Example> unique = new ArrayList<>();
        for (Example e : examples) {
            Example first = byHash.putIfAbsent(e.trajectory().contentHash(), e);
            if (first != null) dropped.add(new Drop(e, "exact duplicate of " + first.id()));
            else unique.add(e);
        }
        Map<String, LongIntMap> format = formatShingles(unique, shingle);
        List<long[]> signatures = new ArrayList<>();
        List<Map<Long, List<Integer>>> bands = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) bands.add(new HashMap<>());
        List<String> keptIds = new ArrayList<>();
        List<Example> keptExamples = new ArrayList<>();
        for (Example e : unique) {
            long[] sh = shingles(e, shingle, format.get(e.source().name()));
            if (sh.length == 0) { // nothing but format: no similarity to judge
                kept.add(e);
                continue;
            }
            long[] sig = signature(sh);
            String dup = null;
            double best = 0;
            for (int b = 0; b < BANDS; b++) {
                for (int c : bands.get(b).getOrDefault(bandKey(sig, b), List.of())) {
                    if (related(e, keptExamples.get(c))) continue;
                    double j = jaccard(sig, signatures.get(c));
                    if (j >= threshold && j > best) {
                        best = j;
                        dup = keptIds.get(c);
                    }
                }
            }
            if (dup != null) {
                dropped.add(new Drop(e, String.format(java.util.Locale.ROOT, "near-duplicate of %s (estimated Jaccard %.2f >= %.2f)", dup, best, threshold)));
                continue;
            }
            int self = signatures.size();
            signatures.add(sig);
            keptIds.add(e.id());
            keptExamples.add(e);
            for (int b = 0; b < BANDS; b++) bands.get(b).computeIfAbsent(bandKey(sig, b), k -> new ArrayList<>()).add(self);
            kept.add(e);
        }
        return new Result(kept, dropped);
    }

    /** The text the similarity is about: user and assistant turns (a system prompt is configuration). */
    static long[] shingles(Example e, int shingle, LongIntMap format) {
        List<long[]> parts = new ArrayList<>();
        int n = 0;
        for (Message m : e.trajectory().messages()) {
            if (m.role() == Role.SYSTEM) continue;
            long[] s = WordHashes.ngrams(WordHashes.words(m.content()), shingle);
            parts.add(s);
            n += s.length;
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] s : parts) {
            for (long h : s) {
                if (format == null || format.get(h) < 0) all[at++] = h;
            }
        }
        return java.util.Arrays.copyOf(all, at);
    }

    private static Map<String, LongIntMap> formatShingles(List<Example> examples, int shingle) {
        Map<String, LongIntMap> df = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Example e : examples) {
            String src = e.source().name();
            counts.merge(src, 1, Integer::sum);
            LongIntMap d = df.computeIfAbsent(src, k -> new LongIntMap(1 << 12));
            LongIntMap seen = new LongIntMap(256);
            for (long h : shingles(e, shingle, null)) {
                if (seen.put(h, 0) < 0) d.add(h, 1);
            }
        }
        Map<String, LongIntMap> out = new HashMap<>();
        df.forEach((src, d) -> {
            int limit = Math.max(2, (int) (counts.get(src) * FORMAT_SHARE) + 1);
            LongIntMap f = new LongIntMap(256);
            d.forEach((h, n) -> {
                if (n >= limit) f.put(h, 0);
            });
            out.put(src, f);
        });
        return out;
    }

    static long[] signature(long[] shingles) {
        long[] sig = new long[HASHES];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (long s : shingles) {
            for (int i = 0; i < HASHES; i++) {
                long h = WordHashes.mix(s ^ SEEDS[i]);
                if (Long.compareUnsigned(h, sig[i]) < 0) sig[i] = h;
            }
        }
        return sig;
    }

    private static final long[] SEEDS = new long[HASHES];

    static {
        long x = 0x5DEECE66DL;
        for (int i = 0; i < HASHES; i++) SEEDS[i] = x = WordHashes.mix(x + i + 1);
    }

    static double jaccard(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) same++;
        }
        return (double) same / HASHES;
    }

    private static long bandKey(long[] sig, int band) {
        long h = band;
        for (int r = 0; r < ROWS; r++) h = WordHashes.mix(h * 31 + sig[band * ROWS + r]);
        return h;
    }
}
