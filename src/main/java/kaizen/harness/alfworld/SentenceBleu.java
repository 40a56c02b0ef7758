package kaizen.harness.alfworld;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * NLTK's {@code sentence_bleu([reference], hypothesis, smoothing_function=SmoothingFunction().method4)}
 * with its defaults (uniform weights over 1- to 4-grams, k = 5, no re-weighting), the score the
 * reference uses to map an output to the nearest admissible command. The arithmetic follows NLTK's
 * order of operations so equal inputs give the same double: precisions are count ratios, smoothed
 * zero counts are {@code 1 / (2^i * k / ln(len)) / denominator}, the weighted logs are summed exactly
 * (Python's math.fsum) and scaled by the brevity penalty. log and exp are Math's (HotSpot's
 * intrinsics), which agree with CPython's glibc on all 2,029 golden scores, where StrictMath's fdlibm
 * does not; a last-bit difference remains possible on other inputs (see docs/FIDELITY.md).
 */
final class SentenceBleu {
    private static final int MAX_N = 4;
    private static final double WEIGHT = 0.25;
    private static final int K = 5;

    private SentenceBleu() {}

    /** The score of {@code hypothesis} against one {@code reference}, both already tokenized. */
    static double score(List<String> reference, List<String> hypothesis) {
        int hypLen = hypothesis.size();
        int[] numerators = new int[MAX_N + 1];
        int[] denominators = new int[MAX_N + 1];
        for (int n = 1; n <= MAX_N; n++) {
            Map<List<String>, Integer> hyp = ngrams(hypothesis, n);
            Map<List<String>, Integer> ref = ngrams(reference, n);
            int clipped = 0;
            int total = 0;
            for (var e : hyp.entrySet()) {
                clipped += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
                total += e.getValue();
            }
            numerators[n] = clipped;
            denominators[n] = Math.max(1, total);
        }
        if (numerators[1] == 0) return 0.0;
        double bp = brevityPenalty(reference.size(), hypLen);
        double[] p = new double[MAX_N + 1];
        int smoothed = 1;
        for (int n = 1; n <= MAX_N; n++) {
            if (numerators[n] == 0 && hypLen > 1) {
                double numerator = 1 / ((double) (1L << smoothed) * K / Math.log(hypLen));
                p[n] = numerator / denominators[n];
                smoothed++;
            } else {
                p[n] = (double) numerators[n] / denominators[n];
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 1; n <= MAX_N; n++) {
            if (p[n] > 0) sum = sum.add(new BigDecimal(WEIGHT * Math.log(p[n])));
        }
        return bp * Math.exp(sum.doubleValue());
    }

    private static double brevityPenalty(int refLen, int hypLen) {
        if (hypLen > refLen) return 1;
        if (hypLen == 0) return 0;
        return Math.exp(1 - (double) refLen / hypLen);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) out.merge(new ArrayList<>(tokens.subList(i, i + n)), 1, Integer::sum);
        return out;
    }
}
