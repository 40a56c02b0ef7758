package kaizen.harness.runner;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kaizen.core.Jsonl;
import kaizen.core.JsonlAppender;
import kaizen.core.JsonlRecord;
import kaizen.core.Progress;
import kaizen.harness.model.ModelUnavailableException;

/**
 * Runs episodes concurrently on virtual threads and keeps every finished one: each is
 * appended to {@code DIR/episodes.jsonl} and fsynced as it ends, and a rerun with the same
 * folder skips the indices already there. Episodes whose model could not be reached are logged
 * to {@code DIR/errors.jsonl} and left for the next run, as AgentBench does.
 */
public final class EpisodeRunner {
    public static final String EPISODES = "episodes.jsonl";
    public static final String ERRORS = "errors.jsonl";

    /** Plays the episode with the given index. */
    @FunctionalInterface
    public interface EpisodeFn {
        EpisodeRecord play(int index) throws ModelUnavailableException;
    }

    /** What a run did; {@code records} holds every finished episode, earlier runs' included, by index. */
    public record Summary(Map<Integer, EpisodeRecord> records, int ranNow, int skipped, int failed, boolean abortedEarly,
            String lastError) {
        public boolean complete(int total) {
            return records.size() == total;
        }
    }

    private final Path dir;
    private final int concurrency;
    private final int failureStreakLimit;
    private final boolean showProgress;

    public EpisodeRunner(Path dir, int concurrency, boolean showProgress) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        this.dir = dir;
        this.concurrency = concurrency;
        this.showProgress = showProgress;
        // Stop starting episodes once this many fail in a row: the endpoint is down, not flaky.
        this.failureStreakLimit = Math.max(3, Math.min(concurrency, 16));
    }

    private static void fail(int index, RuntimeException e, AtomicInteger failed, AtomicInteger streak,
            AtomicReference<String> lastError, JsonlAppender errors, Progress progress) {
        failed.incrementAndGet();
        streak.incrementAndGet();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        lastError.set(msg);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("index", index);
        err.put("error", e instanceof ModelUnavailableException ? "AGENT_FAILED" : "TASK_ERROR");
        err.put("info", msg);
        err.put("time", Instant.now().toString());
        errors.append(err);
        progress.failed();
    }

    /** Finished episodes already in the folder (a cut-off last line is ignored). */
    public static Map<Integer, EpisodeRecord> finished(Path dir) {
        Map<Integer, EpisodeRecord> out = new TreeMap<>();
        for (JsonlRecord r : Jsonl.readLog(dir.resolve(EPISODES))) {
            EpisodeRecord e = EpisodeRecord.fromJson(r);
            out.putIfAbsent(e.index(), e);
        }
        return out;
    }

    public Summary run(String label, List<Integer> indices, EpisodeFn fn) {
        Map<Integer, EpisodeRecord> records = new java.util.concurrent.ConcurrentSkipListMap<>(finished(dir));
        Set<Integer> done = Set.copyOf(records.keySet());
        List<Integer> todo = new ArrayList<>();
        for (int i : indices) if (!done.contains(i)) todo.add(i);
        int skipped = indices.size() - todo.size();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger streak = new AtomicInteger();
        AtomicReference<String> lastError = new AtomicReference<>("");
        Semaphore slots = new Semaphore(concurrency);
        try (JsonlAppender episodes = new JsonlAppender(dir.resolve(EPISODES));
                JsonlAppender errors = new JsonlAppender(dir.resolve(ERRORS));
                Progress progress = new Progress(label, todo.size(), System.err, showProgress);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index : todo) {
                slots.acquireUninterruptibly();
                if (streak.get() >= failureStreakLimit) {
                    slots.release();
                    break;
                }
                pool.submit(() -> {
                    EpisodeRecord rec;
                    try {
                        rec = fn.play(index);
                    } catch (RuntimeException e) {
                        // Counted before the slot frees, so a dead endpoint stops the loop promptly.
                        fail(index, e, failed, streak, lastError, errors, progress);
                        slots.release();
                        return;
                    }
                    // The next episode may start while this one's record is being synced.
                    slots.release();
                    try {
                        episodes.append(rec.toJson());
                        records.put(index, rec);
                        streak.set(0);
                        progress.succeeded();
                    } catch (RuntimeException e) {
                        fail(index, e, failed, streak, lastError, errors, progress);
                    }
                });
            }
        }
        int ranNow = records.size() - skipped;
        boolean aborted = ranNow + failed.get() < todo.size();
        return new Summary(java.util.Collections.unmodifiableMap(new TreeMap<>(records)), ranNow, skipped, failed.get(), aborted, lastError.get());
    }
}
