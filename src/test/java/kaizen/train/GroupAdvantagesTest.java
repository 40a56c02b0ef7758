package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {
    @Test
    void rewardsMinusTheMeanOverThePopulationStd() {
        assertArrayEquals(new double[] {1, -1, 1, -1}, GroupAdvantages.of(new double[] {1, 0, 1, 0}), 1e-12);
        // mean 0.25, std sqrt(3)/4
        double s = Math.sqrt(3) / 4;
        assertArrayEquals(new double[] {0.75 / s, -0.25 / s, -0.25 / s, -0.25 / s}, GroupAdvantages.of(new double[] {1, 0, 0, 0}), 1e-12);
    }

    @Test
    void aGroupOfEqualRewardsHasNoAdvantage() {
        assertArrayEquals(new double[4], GroupAdvantages.of(new double[] {0.5, 0.5, 0.5, 0.5}));
        assertArrayEquals(new double[2], GroupAdvantages.of(new double[] {1, 1}));
    }

    @Property
    void advantagesHaveMeanZeroUnitSpreadAndIgnoreRewardScale(@ForAll @Size(min = 2, max = 16) java.util.List<@DoubleRange(min = 0, max = 1) Double> rewards,
            @ForAll @DoubleRange(min = 0.1, max = 10) double scale, @ForAll @DoubleRange(min = -5, max = 5) double shift) {
        double[] r = rewards.stream().mapToDouble(Double::doubleValue).toArray();
        double[] a = GroupAdvantages.of(r);
        double mean = 0, sq = 0;
        for (double x : a) mean += x / a.length;
        for (double x : a) sq += x * x / a.length;
        assertEquals(0, mean, 1e-9);
        boolean flat = java.util.Arrays.stream(a).allMatch(x -> x == 0);
        if (!flat) assertEquals(1, sq, 1e-6);
        double[] moved = java.util.Arrays.stream(r).map(x -> x * scale + shift).toArray();
        double[] b = GroupAdvantages.of(moved);
        if (!flat && java.util.Arrays.stream(b).anyMatch(x -> x != 0)) assertArrayEquals(a, b, 1e-6);
    }
}
