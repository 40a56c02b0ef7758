package kaizen.data.gen.dbbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import kaizen.core.Futures;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;
import kaizen.core.Progress;
import kaizen.data.Trajectory;
import kaizen.env.db.DbEnvironment;
import kaizen.harness.FinishStatus;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchScoring;
import kaizen.harness.dbbench.DbBenchTask;

/**
 * The synthetic DBBench task factory, the package's entry point: seeded single-table databases
 * from Kaizen's own domains, tasks in AgentBench's categories with gold answers taken from the
 * real database, and an expert trajectory for each task played through the real evaluation
 * episode and kept only when the evaluation's scoring counts it correct.
 *
 * <p>Where the line is: the conversation's frame — the instruction prompt ({@link
 * kaizen.harness.dbbench.DbBenchPrompt}), "Ok.", the question turn and its add_description
 * sentence — is DBBench's protocol, which the model meets at evaluation and must learn, so it is
 * reproduced exactly (the episode loop adds it). Tables, values and questions are Kaizen's own;
 * nothing is taken from AgentBench's tasks.
 *
 * <p>Determinism: slot {@code i} of a run with seed {@code S} draws everything from a seed
 * derived from (S, i, attempt), independent of other slots and of concurrency, so the same
 * (count, seed) gives the same bytes.
 */
public final class DbBenchFactory {
    public static final String SOURCE = "kaizen-synth-dbbench";
    public static final String TASKS_FILE = "tasks.jsonl";

    /** AgentBench's DBBench result types; slot i gets category i mod 11, so counts are balanced. */
    public static final List<String> CATEGORIES = List.of("other", "counting", "comparison", "ranking", "aggregation-SUM",
            "aggregation-MIN", "aggregation-MAX", "aggregation-AVG", "INSERT", "UPDATE", "DELETE");

    /** Draws per slot before giving up: rejections are common (ties, empty answers) but never this many in a row. */
    static final int MAX_ATTEMPTS = 40;

    private DbBenchFactory() {}

    public record Settings(int count, long seed, int concurrency, boolean progress) {
        public Settings {
            if (count < 1) throw new KaizenException("--count must be at least 1");
            if (concurrency < 1) throw new KaizenException("--concurrency must be at least 1");
        }
    }

    /** One kept task: its DBBench JSON object (as written to tasks.jsonl), the parsed task, and the expert trajectory. */
    public record Item(Map<String, Object> taskJson, DbBenchTask task, Trajectory trajectory) {}

    /** One slot's outcome: the kept item and the reasons of every draw rejected before it. */
    public record Slot(Item item, List<String> rejected) {}

    /** A whole run: items in slot order, and rejection counts by reason (details after a ':' dropped). */
    public record Result(List<Item> items, Map<String, Integer> rejected) {
        public Map<String, Integer> perCategory() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String c : CATEGORIES) out.put(c, 0);
            for (Item i : items) out.merge(i.task().type(), 1, Integer::sum);
            return out;
        }

        public Map<String, Integer> perVariant() {
            Map<String, Integer> out = new TreeMap<>();
            for (Item i : items) out.merge(i.trajectory().metadata().get("variant"), 1, Integer::sum);
            return out;
        }
    }

    public static Result generate(DbEnvironment env, Settings s) {
        List<Slot> slots = new ArrayList<>(s.count());
        try (Progress progress = new Progress("dbbench-gen", s.count(), System.err, s.progress());
                ExecutorService pool = Executors.newFixedThreadPool(s.concurrency(), Thread.ofPlatform().daemon().name("kaizen-gen-", 0).factory())) {
            List<Future<Slot>> futures = new ArrayList<>(s.count());
            for (int i = 0; i < s.count(); i++) {
                int slot = i;
                futures.add(pool.submit(() -> {
                    Slot r = slot(env, s.seed(), slot);
                    progress.succeeded();
                    return r;
                }));
            }
            slots.addAll(Futures.join(futures, "generation"));
        }
        Map<String, Integer> rejected = new TreeMap<>();
        for (Slot sl : slots) {
            for (String r : sl.rejected()) rejected.merge(r.contains(":") ? r.substring(0, r.indexOf(':')) : r, 1, Integer::sum);
        }
        return new Result(slots.stream().map(Slot::item).toList(), rejected);
    }

    /** Writes DIR/tasks.jsonl (DBBench task format) and DIR/trajectories.jsonl. */
    public static void write(Result r, Path dir) {
        Jsonl.writeAll(dir.resolve(TASKS_FILE), r.items().stream().map(Item::taskJson).toList());
        Trajectory.writeAll(dir.resolve(Trajectory.FILE_NAME), r.items().stream().map(Item::trajectory).toList());
    }

    /** Fills one slot: draws until a task and its trajectory pass every check. */
    public static Slot slot(DbEnvironment env, long seed, int slot) {
        String category = CATEGORIES.get(slot % CATEGORIES.size());
        List<String> rejected = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long taskSeed = taskSeed(seed, slot, attempt);
            Optional<Item> item = attempt(env, category, slot, taskSeed, rejected);
            if (item.isPresent()) return new Slot(item.get(), List.copyOf(rejected));
        }
        throw new KaizenException("slot " + slot + " (" + category + ", seed " + seed + "): no acceptable task in " + MAX_ATTEMPTS
                + " draws; rejected for " + rejected);
    }

    private static Optional<Item> attempt(DbEnvironment env, String category, int slot, long taskSeed, List<String> rejected) {
        RandomGenerator rng = new SplittableRandom(taskSeed);
        Domain domain = Domains.ALL.get(rng.nextInt(Domains.ALL.size()));
        SynthTable table = SynthTable.generate(domain, rng);
        Optional<TaskDraft> draft;
        try {
            draft = new TaskWriter(table, rng).draft(category);
        } catch (TaskWriter.NoMaterial e) {
            draft = Optional.empty();
        }
        if (draft.isEmpty()) {
            rejected.add("no material in the table for the category");
            return Optional.empty();
        }
        GoldRunner.Gold gold = GoldRunner.run(env, table, draft.get());
        if (gold instanceof GoldRunner.Rejected(String reason)) {
            rejected.add(reason);
            return Optional.empty();
        }
        String id = "synth-dbbench-" + Long.toUnsignedString(taskSeed, 36);
        Map<String, Object> json = TaskJson.of(table, draft.get(), gold, id, taskSeed);
        DbBenchTask task = DbBenchTask.parse(slot, new JsonlRecord(Path.of(TASKS_FILE), slot + 1L, Json.mapper().valueToTree(json)));
        DbBenchExpert.Variant wanted = variant(rng);
        // The expert's own stream, so that a fallback to DIRECT is reproducible too.
        Optional<Trajectory> played = play(env, table, draft.get(), task, wanted, id, taskSeed);
        if (played.isEmpty() && wanted != DbBenchExpert.Variant.DIRECT) {
            rejected.add("expert variant " + wanted.label() + " did not go as planned");
            played = play(env, table, draft.get(), task, DbBenchExpert.Variant.DIRECT, id, taskSeed);
        }
        if (played.isEmpty()) {
            rejected.add("expert trajectory not scored correct");
            return Optional.empty();
        }
        return Optional.of(new Item(json, task, played.get()));
    }

    /** Plays the expert through the real episode loop; empty unless faithful, completed and scored correct. */
    private static Optional<Trajectory> play(DbEnvironment env, SynthTable table, TaskDraft draft, DbBenchTask task,
            DbBenchExpert.Variant variant, String id, long taskSeed) {
        DbBenchExpert expert = DbBenchExpert.plan(table, draft, variant, new SplittableRandom(taskSeed ^ 0x5DEECE66DL));
        DbBenchEpisode.Result r = new DbBenchEpisode(env, DbBenchEpisode.DEFAULT_MAX_ROUND).run(task, expert);
        boolean correct = DbBenchScoring.isCorrect(new DbBenchScoring.Outcome(r.type(), r.answer()), task.target());
        if (!expert.faithful() || r.status() != FinishStatus.COMPLETED || !correct) return Optional.empty();
        Map<String, String> meta = new TreeMap<>();
        meta.put("domain", table.domain().id());
        meta.put("table", table.name());
        meta.put("variant", expert.variant().label());
        meta.put("rounds", Integer.toString(r.rounds()));
        return Optional.of(new Trajectory(SOURCE, id, task.type(), r.history(), Trajectory.Outcome.SOLVED, taskSeed, meta,
                expert.mistakeMessages()));
    }

    /** 40% direct, 30% look first, 20% wrong column then fix, 10% syntax error then fix. */
    private static DbBenchExpert.Variant variant(RandomGenerator rng) {
        int r = rng.nextInt(10);
        if (r < 4) return DbBenchExpert.Variant.DIRECT;
        if (r < 7) return DbBenchExpert.Variant.PEEK;
        if (r < 9) return DbBenchExpert.Variant.WRONG_COLUMN;
        return DbBenchExpert.Variant.SYNTAX_ERROR;
    }

    /** A well-mixed seed for (run seed, slot, attempt); see {@link kaizen.core.SlotSeed}. */
    static long taskSeed(long seed, int slot, int attempt) {
        return kaizen.core.SlotSeed.of(seed, slot, attempt);
    }
}
