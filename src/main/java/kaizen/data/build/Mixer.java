package kaizen.data.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import kaizen.core.KaizenException;

/**
 * Mixes sources to the recipe's target ratios. Each source's share comes from iterative
 * proportional fitting: start from (examples × weight) per source and rescale axis by axis until
 * every axis's tag shares equal the targets, so several axes (agent:general and
 * react:conversation) hold at once while staying as close to what the sources have as possible.
 * A ratio that cannot be met, or a size the sources cannot fill within {@code max_upsample}, is
 * an error that says which source is short; the ratio is never changed silently.
 */
final class Mixer {
    private static final int MAX_ROUNDS = 10_000;
    private static final double TOLERANCE = 1e-9;

    /** The mix: examples in their final (shuffled) order, and per source how many were drawn. */
    record Result(List<Example> examples, Map<String, Integer> perSource, Map<String, Double> shares, String limitedBy) {}

    private Mixer() {}

    static Result mix(Recipe.Mix mix, List<Recipe.Source> sources, Map<String, List<Example>> pool, long seed) {
        Map<String, Double> shares = shares(mix, sources, pool);
        int size = mix.size();
        String limitedBy = "";
        int largest = Integer.MAX_VALUE;
        for (Recipe.Source s : sources) {
            double share = shares.get(s.name());
            if (share <= 0) continue;
            int most = (int) Math.floor(pool.get(s.name()).size() * mix.maxUpsample() / share + 1e-9);
            if (most < largest) {
                largest = most;
                limitedBy = s.name();
            }
        }
        if (size == 0) {
            size = largest;
        } else if (size > largest) {
            String limit = limitedBy;
            Recipe.Source s = sources.stream().filter(x -> x.name().equals(limit)).findFirst().orElseThrow();
            int need = (int) Math.ceil(shares.get(s.name()) * size);
            throw new KaizenException(String.format(Locale.ROOT,
                    "mix: source '%s' is short: it has %d examples after filtering, the ratios need %d of them for mix.size %d "
                            + "(max_upsample %.2f allows %d); lower mix.size to at most %d, raise mix.max_upsample, or add data",
                    s.name(), pool.get(s.name()).size(), need, size, mix.maxUpsample(),
                    (int) Math.floor(pool.get(s.name()).size() * mix.maxUpsample()), largest));
        }
        Map<String, Integer> counts = apportion(shares, size);
        List<Example> out = new ArrayList<>();
        for (Recipe.Source s : sources) out.addAll(draw(pool.get(s.name()), counts.get(s.name()), new SplittableRandom(seed ^ s.name().hashCode())));
        Collections.shuffle(out, new java.util.Random(seed));
        return new Result(List.copyOf(out), counts, shares, limitedBy);
    }

    /** Each source's share of the mix (sums to 1). */
    static Map<String, Double> shares(Recipe.Mix mix, List<Recipe.Source> sources, Map<String, List<Example>> pool) {
        Map<String, Double> x = new LinkedHashMap<>();
        for (Recipe.Source s : sources) x.put(s.name(), pool.get(s.name()).size() * s.weight());
        double total0 = x.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total0 == 0) throw new KaizenException("mix: no examples left in any source after filtering");
        for (var axis : mix.axes().entrySet()) {
            for (String tag : axis.getValue().keySet()) {
                double have = sources.stream().filter(s -> tag.equals(s.tags().get(axis.getKey()))).mapToDouble(s -> x.get(s.name())).sum();
                if (have == 0) throw new KaizenException("mix: no examples tagged " + axis.getKey() + "=" + tag
                        + " are left after filtering, so the ratio " + ratioText(axis.getValue()) + " cannot be met");
            }
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            double worst = 0;
            for (var axis : mix.axes().entrySet()) {
                double targetTotal = axis.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
                double total = x.values().stream().mapToDouble(Double::doubleValue).sum();
                for (var tag : axis.getValue().entrySet()) {
                    double want = tag.getValue() / targetTotal;
                    double have = tagSum(x, sources, axis.getKey(), tag.getKey()) / total;
                    worst = Math.max(worst, Math.abs(have - want));
                    for (Recipe.Source s : sources) {
                        if (tag.getKey().equals(s.tags().get(axis.getKey()))) x.put(s.name(), x.get(s.name()) * want / have);
                    }
                }
            }
            if (worst < TOLERANCE) return normalise(x);
        }
        throw new KaizenException("mix: the axes' ratios cannot all hold with these sources' tags ("
                + String.join("; ", mix.axes().entrySet().stream().map(e -> e.getKey() + " " + ratioText(e.getValue())).toList())
                + "): some tag combination they need has no source");
    }

    private static double tagSum(Map<String, Double> x, List<Recipe.Source> sources, String axis, String tag) {
        return sources.stream().filter(s -> tag.equals(s.tags().get(axis))).mapToDouble(s -> x.get(s.name())).sum();
    }

    private static Map<String, Double> normalise(Map<String, Double> x) {
        double total = x.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        x.forEach((k, v) -> out.put(k, v / total));
        return out;
    }

    static String ratioText(Map<String, Double> ratio) {
        return String.join(":", ratio.keySet()) + " = " + String.join(":", ratio.values().stream().map(Mixer::number).toList());
    }

    static String number(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    /** Whole counts summing to {@code size} in the given shares (largest remainder; ties by source order). */
    static Map<String, Integer> apportion(Map<String, Double> shares, int size) {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> rest = new ArrayList<>();
        int given = 0;
        for (var e : shares.entrySet()) {
            double exact = e.getValue() * size;
            int floor = (int) Math.floor(exact + 1e-9);
            out.put(e.getKey(), floor);
            given += floor;
            rest.add(Map.entry(e.getKey(), exact - floor));
        }
        rest.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        for (int i = 0; given < size; i++, given++) out.merge(rest.get(i % rest.size()).getKey(), 1, Integer::sum);
        return out;
    }

    /** {@code count} examples: whole shuffled passes over the source, then part of one more (each example at most ceil(count/n) times). */
    private static List<Example> draw(List<Example> from, int count, SplittableRandom random) {
        List<Example> out = new ArrayList<>(count);
        while (out.size() < count) {
            List<Example> pass = new ArrayList<>(from);
            for (int i = pass.size() - 1; i > 0; i--) Collections.swap(pass, i, random.nextInt(i + 1));
            out.addAll(pass.subList(0, Math.min(pass.size(), count - out.size())));
        }
        return out;
    }
}
