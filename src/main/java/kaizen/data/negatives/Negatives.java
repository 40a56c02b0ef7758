package kaizen.data.negatives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kaizen.core.Futures;
import kaizen.core.Message;
import kaizen.core.Progress;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.env.db.DbEnvironment;

/**
 * Negative samples in the Agent-FLAN manner, the package's entry point: from verified expert
 * trajectories (synthetic DBBench, household) it derives bad assistant turns of three kinds —
 * format violations, invalid actions, hallucinated observations or results — and turns them into
 * training signal without teaching them:
 *
 * <ul>
 *   <li><b>DPO rejected candidates</b>: the expert's conversation up to a user turn, then the bad
 *       turn; outcome failed, same task id as the expert, so the build pairs it with the expert's
 *       reply at that point (chosen) under the same prompt;</li>
 *   <li><b>recovery examples</b> (SFT): the bad turn stays in the context, untrained ({@code
 *       "weight": 0}), followed by the environment's real reply to it (MariaDB's error text, the
 *       world's refusal, the real observation after a made-up one) and the expert's correction and
 *       remaining turns, all trained. Each is replayed in its environment before it is kept.</li>
 * </ul>
 *
 * <p>Kinds are labelled {@code format/...}, {@code invalid/...}, {@code hallucination/...} in the
 * metadata field {@code negative}; {@code negative_turn} is the bad turn's message index and
 * {@code derived_from} the expert's task id.
 */
public final class Negatives {
    public static final String SOURCE = "kaizen-negatives";
    private static final int THREADS = 8;

    private Negatives() {}

    /**
     * @param seed          the seed of every choice (kind, turn), mixed with each expert's own seed
     * @param recoveryShare the share of experts that also give a recovery example (each gives one DPO candidate)
     */
    public record Settings(long seed, double recoveryShare, boolean progress) {
        public Settings {
            if (!(recoveryShare >= 0 && recoveryShare <= 1)) throw new IllegalArgumentException("recovery share must be in [0, 1]");
        }
    }

    /** Derived trajectories in expert order (each expert's rejected candidate, then its recovery example), and counts. */
    public record Result(List<Trajectory> trajectories, Map<String, Integer> rejectedPerKind, Map<String, Integer> recoveryPerKind,
            Map<String, Integer> skipped) {
        public int rejected() {
            return rejectedPerKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int recoveries() {
            return recoveryPerKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A bad assistant turn and its kind, e.g. {@code format/two-actions}. */
    record Bad(String kind, String text) {}

    /** One expert's derivations. */
    record Derived(List<Trajectory> trajectories, List<String> skipped) {}

    /** Negatives of synthetic DBBench experts; {@code tasksFile} is the generator's tasks.jsonl, in the same order as {@code experts}. */
    public static Result dbbench(DbEnvironment env, Path tasksFile, List<Trajectory> experts, Settings s) {
        DbBenchNegatives d = new DbBenchNegatives(env, tasksFile);
        return derive(experts, s, "dbbench-negatives", (t, i, rng) -> d.derive(t, i, rng, s.recoveryShare()));
    }

    /** Negatives of household experts; each world is regenerated from the trajectory's seed and category. */
    public static Result household(List<Trajectory> experts, Settings s) {
        return derive(experts, s, "household-negatives", (t, i, rng) -> HouseholdNegatives.derive(t, rng, s.recoveryShare()));
    }

    public static void write(Result r, Path dir) {
        Trajectory.writeAll(dir.resolve(Trajectory.FILE_NAME), r.trajectories());
    }

    interface Deriver {
        Derived derive(Trajectory expert, int index, SplittableRandom rng);
    }

    /** Experts are independent (each draws from its own seed), so they run in parallel and the output keeps expert order. */
    private static Result derive(List<Trajectory> experts, Settings s, String label, Deriver deriver) {
        List<Derived> derived = new ArrayList<>(experts.size());
        try (Progress bar = new Progress(label, experts.size(), System.err, s.progress());
                ExecutorService pool = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().name("kaizen-negatives-", 0).factory())) {
            List<Future<Derived>> futures = new ArrayList<>(experts.size());
            for (int i = 0; i < experts.size(); i++) {
                Trajectory t = experts.get(i);
                int index = i;
                futures.add(pool.submit(() -> {
                    Derived d = deriver.derive(t, index, new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L ^ t.seed()));
                    bar.succeeded();
                    return d;
                }));
            }
            derived.addAll(Futures.join(futures, "negatives"));
        }
        List<Trajectory> out = new ArrayList<>();
        Map<String, Integer> rejected = new TreeMap<>();
        Map<String, Integer> recovery = new TreeMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        for (Derived d : derived) {
            for (Trajectory n : d.trajectories()) {
                (n.outcome().success() ? recovery : rejected).merge(n.metadata().get("negative"), 1, Integer::sum);
                out.add(n);
            }
            d.skipped().forEach(r -> skipped.merge(r, 1, Integer::sum));
        }
        return new Result(out, rejected, recovery, skipped);
    }

    // --- shared by both environments ---

    /** The expert's conversation up to turn {@code k}, then the bad turn: a DPO rejected candidate. */
    static Trajectory rejected(Trajectory expert, int k, Bad bad) {
        List<Message> ms = new ArrayList<>(expert.messages().subList(0, k));
        ms.add(Message.assistant(bad.text()));
        return new Trajectory(SOURCE, expert.taskId(), expert.category(), ms, new Trajectory.Outcome(false, 0), expert.seed(),
                meta(expert, k, bad), expert.untrained().headSet(k));
    }

    /**
     * The expert's conversation with the bad turn at {@code k} (untrained), the environment's reply,
     * then {@code rest} (the correction and the expert's remaining turns).
     */
    static Trajectory recovery(Trajectory expert, int k, Bad bad, String envReply, List<Message> rest, java.util.Set<Integer> restUntrained) {
        List<Message> ms = new ArrayList<>(expert.messages().subList(0, k));
        ms.add(Message.assistant(bad.text()));
        ms.add(Message.user(envReply));
        TreeSet<Integer> untrained = new TreeSet<>(expert.untrained().headSet(k));
        untrained.add(k);
        for (int i : restUntrained) untrained.add(ms.size() + i);
        ms.addAll(rest);
        return new Trajectory(SOURCE, expert.taskId() + "/recovery", expert.category(), ms, expert.outcome(), expert.seed(),
                meta(expert, k, bad), untrained);
    }

    private static Map<String, String> meta(Trajectory expert, int k, Bad bad) {
        Map<String, String> m = new TreeMap<>(expert.metadata());
        m.put("negative", bad.kind());
        m.put("negative_turn", Integer.toString(k));
        m.put("derived_from", expert.taskId());
        return m;
    }

    /** Assistant message indices from {@code from} on that are trained in the expert (where a bad turn may replace the expert's). */
    static List<Integer> trainedReplies(Trajectory t, int from) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < t.messages().size(); i++) {
            if (t.messages().get(i).role() == Role.ASSISTANT && t.trained(i)) out.add(i);
        }
        return out;
    }

    /** A made-up stand-in for a real observation: every digit shifted by one, or a fixed claim when it has none. */
    static String fabricate(String real, String fallback) {
        StringBuilder sb = new StringBuilder(real.length());
        boolean changed = false;
        for (char c : real.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append((char) ('0' + (c - '0' + 1) % 10));
                changed = true;
            } else {
                sb.append(c);
            }
        }
        return changed ? sb.toString() : fallback;
    }

    /** One bad turn, its family (format, invalid, hallucination) drawn first so that no family is swamped by the others' variety. */
    static Bad pickBalanced(List<Bad> options, SplittableRandom rng) {
        List<String> families = options.stream().map(b -> b.kind().substring(0, b.kind().indexOf('/'))).distinct().toList();
        String family = pick(families, rng);
        return pick(options.stream().filter(b -> b.kind().startsWith(family + "/")).toList(), rng);
    }

    static <T> T pick(List<T> options, SplittableRandom rng) {
        return options.get(rng.nextInt(options.size()));
    }
}
