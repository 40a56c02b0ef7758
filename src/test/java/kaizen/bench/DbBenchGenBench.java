package kaizen.bench;

import java.nio.file.Path;
import java.util.Locale;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EmbeddedMariaDb;

/**
 * Synthetic DBBench generation speed (bench/datagen.sh runs it): tasks with verified expert
 * trajectories per second on the embedded MariaDB, at several concurrencies, after a warm-up.
 * Each kept task costs: one database for the gold run (checks, gold SQL, hashes), one for the
 * expert's episode through the real harness; rejected draws cost a gold run each.
 */
public final class DbBenchGenBench {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 550;
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
                DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
            System.out.println("warm-up (JIT, server caches) ...");
            DbBenchFactory.generate(env, new DbBenchFactory.Settings(220, 99, 4, false));
            for (int concurrency : new int[] {1, 2, 4, 8}) {
                long t0 = System.nanoTime();
                DbBenchFactory.Result r = DbBenchFactory.generate(env, new DbBenchFactory.Settings(count, 1, concurrency, false));
                double secs = (System.nanoTime() - t0) / 1e9;
                int rejected = r.rejected().values().stream().mapToInt(Integer::intValue).sum();
                long turns = r.items().stream().mapToLong(i -> i.trajectory().messages().size()).sum();
                System.out.printf(Locale.ROOT, "concurrency %d: %d tasks+trajectories in %.2f s = %.1f /s (%.1f ms each); "
                        + "%d rejected draws; %.1f messages per trajectory%n", concurrency, r.items().size(), secs, r.items().size() / secs,
                        1000 * secs / r.items().size(), rejected, (double) turns / r.items().size());
            }
        }
    }
}
