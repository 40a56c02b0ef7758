package kaizen.data.build;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import kaizen.core.Futures;
import kaizen.core.Progress;
import kaizen.data.Trajectory;
import kaizen.data.gen.dbbench.DbBenchReplay;
import kaizen.data.gen.household.HouseholdReplay;
import kaizen.env.db.DbEnvironment;
import kaizen.harness.dbbench.DbBenchTask;

/**
 * The build's verification stage: every successful conversation of a source with {@code verify:}
 * is replayed in its environment — DBBench ones through the evaluation's episode loop on MariaDB
 * (every observation must reproduce and the scoring must count it correct), household ones in
 * the world regenerated from their seed. A conversation that does not reproduce is dropped.
 * Failures (DPO rejected candidates) are not replayed: their last reply is bad on purpose and their
 * opening is an expert's.
 */
final class Replays {
    // As the generators: replays wait on MariaDB more than they compute.
    private static final int THREADS = 8;

    private Replays() {}

    static Map<String, BuildReport.Replayed> verify(List<Recipe.Source> sources, Map<String, List<Example>> loaded, Supplier<DbEnvironment> db, boolean progress) {
        Map<String, BuildReport.Replayed> out = new LinkedHashMap<>();
        for (Recipe.Source s : sources) {
            List<Example> todo = loaded.get(s.name()).stream().filter(e -> e.trajectory().outcome().success()).toList();
            switch (s.replay()) {
                case Recipe.Replay.None n -> {}
                case Recipe.Replay.Household h -> out.put(s.name(), new BuildReport.Replayed("replayed in its household world", todo.size(),
                        run("replay " + s.name(), todo, e -> HouseholdReplay.sound(e.trajectory()), progress)));
                case Recipe.Replay.DbBench d -> {
                    Map<String, DbBenchTask> tasks = DbBenchReplay.tasksById(d.tasks());
                    DbEnvironment env = db.get();
                    out.put(s.name(), new BuildReport.Replayed("executed on MariaDB through the DBBench episode loop", todo.size(),
                            run("replay " + s.name(), todo, e -> {
                                DbBenchTask task = tasks.get(e.trajectory().metadata().getOrDefault("derived_from", e.trajectory().taskId()));
                                return task != null && DbBenchReplay.replay(env, task, e.trajectory()).sound();
                            }, progress)));
                }
            }
        }
        return out;
    }

    private interface Check {
        boolean sound(Example e);
    }

    /** The ids of the examples that do not replay soundly (checked in parallel; the result does not depend on the order). */
    private static Set<String> run(String label, List<Example> examples, Check check, boolean progress) {
        Set<String> failed = new HashSet<>();
        try (Progress bar = new Progress(label, examples.size(), System.err, progress);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().name("kaizen-replay-", 0).factory())) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Example e : examples) {
                futures.add(pool.submit(() -> {
                    boolean ok = check.sound(e);
                    bar.succeeded();
                    return ok;
                }));
            }
            List<Boolean> sound = Futures.join(futures, "replay");
            for (int i = 0; i < examples.size(); i++) {
                if (!sound.get(i)) failed.add(examples.get(i).id());
            }
        }
        return failed;
    }
}
