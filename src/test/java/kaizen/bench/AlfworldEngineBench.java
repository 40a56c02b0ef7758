package kaizen.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import kaizen.env.alfworld.Alfworld;
import kaizen.env.alfworld.AlfworldGame;
import kaizen.env.alfworld.pddl.AlfworldGames;

/**
 * The ALFWorld engine benchmark (bench/alfworld.sh runs it), through the public API an episode
 * uses: load (read, parse, compile the game file), reset (initial state, intro text, every
 * admissible command rendered), step (match the command, apply, feedback text, admissible
 * commands again). All 340 shared games, one thread, after one warm-up pass; then the heap that
 * 100 live games (loaded, reset, 10 steps in) hold.
 */
public final class AlfworldEngineBench {
    public static void main(String[] args) {
        int stepsPerGame = args.length > 0 ? Integer.parseInt(args[0]) : 35;
        List<Path> games = AlfworldGames.all();
        System.out.printf(Locale.ROOT, "%d games, %d random admissible steps each%n", games.size(), stepsPerGame);
        run(games, stepsPerGame, false);
        run(games, stepsPerGame, true);
        memory(games);
    }

    private static void run(List<Path> games, int stepsPerGame, boolean report) {
        long[] loads = new long[games.size()];
        long[] resets = new long[games.size()];
        long[] steps = new long[games.size() * stepsPerGame];
        int n = 0;
        Random random = new Random(42);
        long start = System.nanoTime();
        for (int g = 0; g < games.size(); g++) {
            long t0 = System.nanoTime();
            AlfworldGame game = Alfworld.load(games.get(g));
            long t1 = System.nanoTime();
            AlfworldGame.Step step = game.reset();
            long t2 = System.nanoTime();
            loads[g] = t1 - t0;
            resets[g] = t2 - t1;
            for (int s = 0; s < stepsPerGame; s++) {
                List<String> admissible = step.admissibleCommands();
                String command = admissible.get(random.nextInt(admissible.size()));
                long t3 = System.nanoTime();
                step = game.step(command);
                steps[n++] = System.nanoTime() - t3;
            }
        }
        long total = System.nanoTime() - start;
        if (!report) return;
        System.out.printf(Locale.ROOT, "load per game:  median %.2f ms, p90 %.2f ms, max %.2f ms%n", pct(loads, 50), pct(loads, 90), pct(loads, 100));
        System.out.printf(Locale.ROOT, "reset per game: median %.2f ms, p90 %.2f ms, max %.2f ms%n", pct(resets, 50), pct(resets, 90), pct(resets, 100));
        System.out.printf(Locale.ROOT, "step:           median %.3f ms, p90 %.3f ms, max %.3f ms%n", pct(steps, 50), pct(steps, 90), pct(steps, 100));
        double episodeMs = total / 1e6 / games.size();
        System.out.printf(Locale.ROOT, "episode (load + reset + %d steps): %.2f ms -> %.0f episodes per minute per core%n",
                stepsPerGame, episodeMs, 60_000 / episodeMs);
    }

    private static void memory(List<Path> games) {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mx);
        List<AlfworldGame> live = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            AlfworldGame game = Alfworld.load(games.get(i * games.size() / 100));
            AlfworldGame.Step step = game.reset();
            for (int s = 0; s < 10; s++) step = game.step(step.admissibleCommands().get(random.nextInt(step.admissibleCommands().size())));
            live.add(game);
        }
        long after = usedAfterGc(mx);
        System.out.printf(Locale.ROOT, "heap held by 100 live games: %.1f MB (%.0f KB per game)%n", (after - before) / 1e6,
                (after - before) / 1e3 / live.size());
        if (live.size() != 100) throw new AssertionError();
    }

    private static long usedAfterGc(MemoryMXBean mx) {
        for (int i = 0; i < 3; i++) System.gc();
        return mx.getHeapMemoryUsage().getUsed();
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
