package kaizen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import kaizen.env.alfworld.pddl.GameFile;
import kaizen.env.alfworld.pddl.GroundAction;
import kaizen.env.alfworld.pddl.PddlState;
import kaizen.env.alfworld.pddl.PddlTask;

/**
 * The ALFWorld PDDL engine benchmark (bench/alfworld-pddl.sh runs it): per game, load (read the
 * file, parse, compile) + reset (initial state and its applicable actions); per step, apply a
 * random applicable action, list the new applicable actions and test the goal. Text generation is
 * not included. All 340 shared games, one thread, after one warm-up pass.
 */
public final class AlfworldPddlBench {
    private static final Path GAMES = Path.of("../shared/data/alfworld/json_2.1.1");

    public static void main(String[] args) throws IOException {
        int stepsPerGame = args.length > 0 ? Integer.parseInt(args[0]) : 35;
        List<Path> games;
        try (Stream<Path> files = Files.walk(GAMES)) {
            games = files.filter(p -> p.getFileName().toString().equals("game.tw-pddl")).sorted().toList();
        }
        System.out.printf(Locale.ROOT, "%d games, %d random steps each%n", games.size(), stepsPerGame);
        run(games, stepsPerGame, false);
        run(games, stepsPerGame, true);
    }

    private static void run(List<Path> games, int stepsPerGame, boolean report) {
        long[] loads = new long[games.size()];
        long[] steps = new long[games.size() * stepsPerGame];
        int stepCount = 0;
        long actionsSeen = 0;
        Random random = new Random(42);
        long start = System.nanoTime();
        for (int g = 0; g < games.size(); g++) {
            long t0 = System.nanoTime();
            PddlState state = PddlTask.load(GameFile.read(games.get(g))).initialState();
            List<GroundAction> actions = state.applicableActions();
            state.goalReached();
            loads[g] = System.nanoTime() - t0;
            for (int s = 0; s < stepsPerGame; s++) {
                long t1 = System.nanoTime();
                state.apply(actions.get(random.nextInt(actions.size())));
                actions = state.applicableActions();
                state.goalReached();
                steps[stepCount++] = System.nanoTime() - t1;
                actionsSeen += actions.size();
            }
        }
        long total = System.nanoTime() - start;
        if (!report) return;
        System.out.printf(Locale.ROOT, "load+reset per game: median %.2f ms, p90 %.2f ms, max %.2f ms%n",
                pct(loads, 50), pct(loads, 90), pct(loads, 100));
        System.out.printf(Locale.ROOT, "step: median %.3f ms, p90 %.3f ms, max %.3f ms (%.0f applicable actions on average)%n",
                pct(steps, 50), pct(steps, 90), pct(steps, 100), (double) actionsSeen / stepCount);
        double episodeMs = total / 1e6 / games.size();
        System.out.printf(Locale.ROOT, "episode (load + reset + %d steps): %.2f ms -> %.0f episodes per minute per core%n",
                stepsPerGame, episodeMs, 60_000 / episodeMs);
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
