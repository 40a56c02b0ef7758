package kaizen.train;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import kaizen.tokenizer.ChatEncoder;

/**
 * The Java side of GRPO's rollout stage (bench/grpo-rollout.sh runs it): household episodes
 * through the harness protocol and {@link RolloutModel} (prompt rendering with Kaizen's tokenizer
 * and template, token-id completions over HTTP, reply decoding, the world's step, the reward)
 * against a loopback endpoint that answers at once with valid commands (alternating two, so no
 * episode ends by repetition; each runs to its max turns). Reports episodes/s and the time per
 * turn spent outside the model call — the environment's share that a GPU server would not hide.
 *
 *   args: EPISODES CONCURRENCY MAX_TURNS
 */
public final class GrpoRolloutBench {
    public static void main(String[] args) throws Exception {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int maxTurns = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ChatEncoder encoder = ChatEncoder.forModel(Path.of("../shared/data/qwen-tokenizer"), "qwen2.5");
        int imEnd = encoder.tokenizer().tokenId("<|im_end|>").orElseThrow();
        List<int[]> replies = List.of(encoder.tokenizer().encode("THOUGHT: I will look around first.\nACTION: look around"),
                encoder.tokenizer().encode("THOUGHT: Let me check what I hold.\nACTION: inventory"));
        AtomicLong calls = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/completions", ex -> {
            ex.getRequestBody().readAllBytes();
            int[] text = replies.get((int) (calls.getAndIncrement() % 2));
            byte[] body = FakeVllmLoraServer.completion(text, imEnd, -0.1).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        PolicyServer endpoint = PolicyServer.at("http://127.0.0.1:" + server.getAddress().getPort());
        HouseholdRollouts tasks = new HouseholdRollouts(2, 1, 0, maxTurns, 0.5);
        for (int round = 0; round < 4; round++) {
            boolean report = round == 3; // three warm-up rounds (JIT), then the measured one
            long t0 = System.nanoTime();
            List<GrpoRun.Episode> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofVirtual().factory())) {
                List<Future<GrpoRun.Episode>> fs = new ArrayList<>();
                for (int e = 0; e < episodes; e++) {
                    long k = e;
                    fs.add(pool.submit(() -> {
                        RolloutModel m = new RolloutModel(endpoint, encoder, "bench", 0.8, 1024, 8192);
                        long s = System.nanoTime();
                        var task = tasks.training(k);
                        var played = task.play(m);
                        return new GrpoRun.Episode(0, task.kind(), played, m.turns(), m.modelNanos(), System.nanoTime() - s);
                    }));
                }
                for (var f : fs) done.add(f.get());
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (!report) continue;
            var sum = GrpoRun.summary(done);
            long turns = done.stream().mapToLong(e -> e.turns().size()).sum();
            double outsideMs = done.stream().mapToLong(e -> e.wallNanos() - e.modelNanos()).sum() / 1e6;
            long rows = done.stream().mapToLong(e -> EpisodeTokens.rows(e.turns()).size()).sum();
            System.out.printf(Locale.ROOT, "%d episodes x %.1f turns, concurrency %d, %d cores: %.1f s, %.1f episodes/s, %.0f turns/s;"
                    + " outside the model call %.2f ms a turn (per thread); env_share with an instant model %.2f; %d training rows%n",
                    episodes, (double) turns / episodes, concurrency, Runtime.getRuntime().availableProcessors(), wall, episodes / wall,
                    turns / wall, outsideMs / turns, (double) sum.get("env_share"), rows);
        }
        server.stop(0);
    }
}
