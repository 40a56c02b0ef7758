package kaizen.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kaizen.data.Trajectory;
import kaizen.data.build.BuildReport;
import kaizen.data.build.DatasetBuild;
import kaizen.data.build.ModelFormats;
import kaizen.data.build.Recipe;
import kaizen.data.build.RecipeReader;
import kaizen.data.gen.dbbench.DbBenchFactory;
import kaizen.data.gen.household.HouseholdFactory;
import kaizen.data.negatives.Negatives;
import kaizen.env.db.EmbeddedMariaDb;
import kaizen.env.db.LazyDbEnvironment;

/**
 * The default build at scale (bench/databuild-synthetic.sh runs it): generates DB experts and
 * household ReAct + StateAct experts with the real generators, derives their negatives, then runs
 * the whole build as recipes/default.yaml does it — every success replayed (DBBench on MariaDB,
 * household in its world), the gate against DBBench dev and all ALFWorld games, filters, dedup,
 * mix, DPO, all exports, lengths in characters and in the three Qwen formats' tokens. Prints
 * generation time, build wall time, examples/s (trajectories read per second) and peak heap.
 */
public final class SyntheticBuildBench {
    public static void main(String[] args) throws Exception {
        int db = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int house = args.length > 1 ? Integer.parseInt(args[1]) : 21_000;
        // A third argument reuses a folder an earlier run generated (to time the build alone, e.g. under another -Xmx).
        Path tmp = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("kaizen-synthetic-bench");
        boolean generate = !Files.exists(tmp.resolve("neg-stateact/trajectories.jsonl"));
        Path shared = Path.of("../shared/data").toAbsolutePath();
        try (LazyDbEnvironment env = new LazyDbEnvironment(() -> EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen")))) {
            if (generate) generate(env, tmp, db, house);
            System.out.println("data in " + tmp);
            long input = 0;
            for (String f : List.of("db", "react", "stateact", "neg-db", "neg-react", "neg-stateact")) {
                input += Files.lines(tmp.resolve(f).resolve("trajectories.jsonl")).count();
            }
            build(env, tmp, shared, input);
        }
    }

    private static void generate(LazyDbEnvironment env, Path tmp, int db, int house) throws Exception {
        long g0 = System.nanoTime();
        DbBenchFactory.write(DbBenchFactory.generate(env.get(), new DbBenchFactory.Settings(db, 1, 8, false)), tmp.resolve("db"));
        double genDb = secs(g0);
        long g1 = System.nanoTime();
        HouseholdFactory.write(HouseholdFactory.generate(new HouseholdFactory.Settings(house, 1, false, true, false)), tmp.resolve("react"));
        HouseholdFactory.write(HouseholdFactory.generate(new HouseholdFactory.Settings(house, 2, true, true, false)), tmp.resolve("stateact"));
        double genHouse = secs(g1);
        long g2 = System.nanoTime();
        Negatives.Settings ns = new Negatives.Settings(1, 0.3, false);
        Negatives.write(Negatives.dbbench(env.get(), tmp.resolve("db/tasks.jsonl"), Trajectory.readAll(tmp.resolve("db/trajectories.jsonl")), ns),
                tmp.resolve("neg-db"));
        double negDb = secs(g2);
        long g3 = System.nanoTime();
        for (String h : List.of("react", "stateact")) {
            Negatives.write(Negatives.household(Trajectory.readAll(tmp.resolve(h).resolve("trajectories.jsonl")), ns), tmp.resolve("neg-" + h));
        }
        double negHouse = secs(g3);
        System.out.printf(Locale.ROOT, "generated %d DB experts in %.1f s, %d household experts in %.1f s; negatives: DB %.1f s, household %.1f s%n",
                db, genDb, 2 * house, genHouse, negDb, negHouse);
    }

    private static void build(LazyDbEnvironment env, Path tmp, Path shared, long input) throws Exception {
        Path recipe = tmp.resolve("recipe.yaml");
        Files.writeString(recipe, """
                name: synthetic-bench
                tokenizer: %s
                sources:
                  - {name: db, path: db/trajectories.jsonl, protocol: dbbench, tags: {format: conversation}, verify: dbbench}
                  - {name: react, path: react/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                  - {name: stateact, path: stateact/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                  - {name: neg-db, path: neg-db/trajectories.jsonl, protocol: dbbench, tags: {format: conversation}, verify: dbbench, tasks: db/tasks.jsonl}
                  - {name: neg-react, path: neg-react/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                  - {name: neg-stateact, path: neg-stateact/trajectories.jsonl, protocol: react, tags: {format: react}, verify: household}
                mix:
                  axes:
                    format: {react: 1, conversation: 1}
                dpo: {enabled: true}
                models: [chars, qwen2.5, qwen3-instruct-2507, qwen3-thinking]
                decontamination:
                  dbbench: [%s]
                  alfworld: [%s]
                """.formatted(shared.resolve("qwen-tokenizer"), shared.resolve("dbbench/dev.jsonl"), shared.resolve("alfworld/json_2.1.1")));
        // Peak heap in use (live data plus garbage not yet collected), sampled every 20 ms during the build.
        java.util.concurrent.atomic.AtomicLong peakHeap = new java.util.concurrent.atomic.AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Recipe r = RecipeReader.read(recipe);
        BuildReport report = DatasetBuild.run(r, tmp.resolve("out"), ModelFormats.available(r.tokenizer()), new PrintStream(System.out), false, env);
        sampler.interrupt();
        long peak = peakHeap.get();
        System.out.printf(Locale.ROOT, "build: %d trajectories in %.1f s = %.0f examples/s; %d SFT examples, %d DPO pairs; gate %.1f s; "
                + "peak heap %.0f MB (max %d MB)%n", input, report.seconds(), input / report.seconds(), report.sftExamples(), report.dpoPairs(),
                report.gate().seconds(), peak / 1e6, Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
