package kaizen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EmbeddedMariaDb;
import kaizen.env.db.EpisodeDatabase;
import kaizen.harness.dbbench.DbBenchActions;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.dbbench.DbBenchTask;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.runner.EpisodeRecord;
import kaizen.harness.runner.EpisodeRunner;
import kaizen.testing.FakeOpenAiServer;

/**
 * The DBBench benchmark (bench/dbbench.sh runs it): episode set-up + tear-down times on the
 * embedded MariaDB, and 1000 episodes at concurrency 64 against a fake model answering in
 * 20 ms, compared with the ideal time (model latency only).
 */
public final class DbBenchBench {
    public static void main(String[] args) throws Exception {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Duration latency = Duration.ofMillis(20);
        List<DbBenchTask> dev = DbBenchTask.load(Path.of("../shared/data/dbbench/dev.jsonl"));
        if (args.length > 2 && args[2].equals("harness")) {
            List<DbBenchTask> many = new ArrayList<>();
            for (int i = 0; i < episodes; i++) many.add(reindexed(dev.get(i % dev.size()), i));
            // Steady state, as in a long evaluation: JIT-compiled code paths, JMH-style warm-up rounds.
            for (int round = 0; round < 3; round++) harnessOnly(many, concurrency, latency, false);
            double[] ms = new double[5];
            for (int round = 0; round < ms.length; round++) ms[round] = harnessOnly(many, concurrency, latency, true);
            Arrays.sort(ms);
            double ideal = Math.ceil((double) episodes / concurrency) * 2 * latency.toMillis();
            System.out.printf(Locale.ROOT, "harness only, median of %d rounds: %.0f ms, ideal %.0f ms, overhead %.1f%% "
                    + "(best %.1f%%, worst %.1f%%)%n", ms.length, ms[ms.length / 2], ideal, 100 * (ms[ms.length / 2] - ideal) / ideal,
                    100 * (ms[0] - ideal) / ideal, 100 * (ms[ms.length - 1] - ideal) / ideal);
            return;
        }
        long t0 = System.nanoTime();
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
                DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
            System.out.printf(Locale.ROOT, "server start: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            setupTeardown(env, dev);
            List<DbBenchTask> many = new ArrayList<>();
            for (int i = 0; i < episodes; i++) {
                many.add(reindexed(dev.get(i % dev.size()), i));
            }
            System.out.println("warm-up (JIT) ...");
            harnessOnly(many.subList(0, Math.min(300, many.size())), concurrency, latency, false);
            harnessOnly(many, concurrency, latency, true);
            fullStack(many, env, concurrency, latency);
        }
    }

    static DbBenchTask reindexed(DbBenchTask t, int i) {
        return new DbBenchTask(i, t.description(), t.addDescription(), t.type(), t.table(), t.label(), t.goldSql(), t.answerMd5());
    }

    static void setupTeardown(DbEnvironment env, List<DbBenchTask> dev) {
        for (int i = 0; i < 20; i++) env.open(dev.get(i % dev.size()).table()).close(); // warm-up
        int n = 300;
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            EpisodeDatabase db = env.open(dev.get(i % dev.size()).table());
            db.close();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "episode set-up+tear-down (n=%d): median %.1f ms, p90 %.1f ms, max %.1f ms%n", n,
                ms[n / 2], ms[(int) (n * 0.9)], ms[n - 1]);
    }

    /** Runner + HTTP client + parsing, two model turns per episode, no database: the harness's own cost. */
    static double harnessOnly(List<DbBenchTask> tasks, int concurrency, Duration latency, boolean print) throws Exception {
        int calls = 2;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> FakeOpenAiServer.reply(
                        r.messages().size() < 5 ? "Action: Operation\n```sql\nSELECT 1\n```" : "Action: Answer\nFinal Answer: [\"x\"]",
                        latency));
                OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).build()) {
            Path out = Files.createTempDirectory("kaizen-bench-");
            long cpu0 = processCpuNanos();
            long s = System.nanoTime();
            var summary = new EpisodeRunner(out, concurrency, false).run("bench", tasks.stream().map(DbBenchTask::index).toList(),
                    i -> {
                        List<kaizen.core.Message> h = new ArrayList<>(List.of(kaizen.core.Message.user("q")));
                        ModelReply r = c.complete(h);
                        String text = ((ModelReply.Text) r).content();
                        h.add(kaizen.core.Message.assistant(text));
                        h.add(kaizen.core.Message.user(DbBenchActions.sql(text).orElse("")));
                        h.add(kaizen.core.Message.assistant(((ModelReply.Text) c.complete(h)).content()));
                        return new EpisodeRecord(i, kaizen.harness.FinishStatus.COMPLETED, java.util.Map.of("answer", ""), h, true, 1, 0);
                    });
            long elapsed = System.nanoTime() - s;
            if (print) {
                report("harness only (runner, HTTP client, parsing, fsync'd JSONL)", tasks.size(), concurrency, calls, latency,
                        elapsed, summary.records().size());
                var st = c.stats();
                System.out.printf(Locale.ROOT, "  mean model call as the client saw it: %.2f ms (server-side latency %d ms); "
                        + "process CPU (harness + fake server): %.0f µs per episode%n",
                        st.meanAttemptLatency().toNanos() / 1e6, latency.toMillis(), (processCpuNanos() - cpu0) / 1e3 / tasks.size());
            }
            return elapsed / 1e6;
        }
    }

    /** The real DbBenchEpisode: per-episode database, one SQL turn, answer, hash for mutations. */
    static void fullStack(List<DbBenchTask> tasks, DbEnvironment env, int concurrency, Duration latency) throws Exception {
        int calls = 2;
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> FakeOpenAiServer.reply(
                        r.messages().size() < 5 ? "Action: Operation\n```sql\nSELECT COUNT(*) FROM information_schema.tables\n```"
                                : "Action: Answer\nFinal Answer: [\"x\"]", latency));
                OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).build()) {
            Path out = Files.createTempDirectory("kaizen-bench-");
            long s = System.nanoTime();
            var o = DbBenchEval.run(tasks, env, t -> c, new DbBenchEval.Settings(out, concurrency, 15, false, "bench"));
            report("full stack (per-episode MariaDB database, SQL turn, hash, drop)", tasks.size(), concurrency, calls, latency,
                    System.nanoTime() - s, o.summary().records().size());
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void report(String what, int episodes, int concurrency, int calls, Duration latency, long nanos, int finished) {
        double ideal = Math.ceil((double) episodes / concurrency) * calls * latency.toMillis();
        double actual = nanos / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d episodes (%d finished), concurrency %d, %d model calls of %d ms each: "
                + "%.0f ms, ideal %.0f ms, overhead %.1f%%, %.1f episodes/s%n", what, episodes, finished, concurrency, calls,
                latency.toMillis(), actual, ideal, 100 * (actual - ideal) / ideal, episodes / (actual / 1000));
    }
}
