package kaizen.bench;

import java.util.Locale;
import kaizen.data.gen.household.HouseholdFactory;

/**
 * Household generation speed (bench/household.sh runs it): worlds generated and solved by the
 * planner, rendered as ReAct and StateAct trajectories, per second, single-threaded, after a
 * warm-up. Writing the file is not included.
 */
public final class HouseholdGenBench {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 6000;
        HouseholdFactory.generate(new HouseholdFactory.Settings(count, 99, false, true, false));
        HouseholdFactory.generate(new HouseholdFactory.Settings(count, 98, true, true, false));
        for (boolean stateAct : new boolean[] {false, true}) {
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                HouseholdFactory.Result r = HouseholdFactory.generate(new HouseholdFactory.Settings(count, 1 + round, stateAct, true, false));
                double secs = (System.nanoTime() - t0) / 1e9;
                long chars = r.trajectories().stream().flatMap(t -> t.messages().stream()).mapToLong(m -> m.content().length()).sum();
                double turns = r.trajectories().stream().mapToInt(t -> t.messages().size()).average().orElse(0);
                System.out.printf(Locale.ROOT, "%s seed %d: %d worlds+trajectories in %.2f s = %.0f /s (%.0f µs each); %.1f messages, %.0f chars each%n",
                        stateAct ? "stateact" : "react", 1 + round, count, secs, count / secs, 1e6 * secs / count, turns, (double) chars / count);
            }
        }
    }
}
