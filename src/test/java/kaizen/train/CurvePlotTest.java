package kaizen.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurvePlotTest {
    /** The step axis is labelled at round steps, never past the last step (a 74-step run once read 0, 15, 30, 44, 59, 74). */
    @Test
    void stepTicksAreRoundAndWithinTheRun() {
        assertEquals(List.of(0L, 20L, 40L, 60L), CurvePlot.stepTicks(74));
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), CurvePlot.stepTicks(400));
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L, 25L), CurvePlot.stepTicks(25));
        assertEquals(List.of(0L, 1L), CurvePlot.stepTicks(1));
    }

    @Test
    void runningMeanCoversTheLastWindowPointsOfOneColumn() {
        List<double[]> pts = List.of(new double[] {1, 0, 7}, new double[] {2, 1, 7}, new double[] {3, 1, 7}, new double[] {4, 0, 7});
        List<double[]> smooth = CurvePlot.smooth(pts, 1, 2);
        assertEquals(List.of(0.0, 0.5, 1.0, 0.5), smooth.stream().map(p -> p[1]).toList());
        assertEquals(List.of(7.0, 7.0, 7.0, 7.0), smooth.stream().map(p -> p[2]).toList(), "other columns copied");
    }
}
