package kaizen.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import kaizen.data.teacher.TeacherRun;
import kaizen.data.teacher.TeacherTasks;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdPrompt;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.testing.FakeOpenAiServer;

/**
 * Teacher rollout throughput (bench/teacher.sh runs it): household rollouts (WORLDS worlds x K
 * samples, every episode MAX_STEP model turns) through TeacherRun, the harness runner, the HTTP
 * client and the real worlds, against the loopback fake model answering after 0 ms and 20 ms,
 * with episodes fsynced to episodes.jsonl and trajectories.jsonl + summary.json written at the end.
 */
public final class TeacherBench {
    public static void main(String[] args) throws Exception {
        int worlds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int maxStep = 10;
        List<HouseholdTask> tasks = TeacherTasks.household(1, worlds);
        System.out.println("warm-up (JIT) ...");
        run(tasks.subList(0, Math.min(100, worlds)), samples, concurrency, maxStep, Duration.ZERO, false);
        for (Duration latency : List.of(Duration.ZERO, Duration.ofMillis(20))) run(tasks, samples, concurrency, maxStep, latency, true);
    }

    static void run(List<HouseholdTask> tasks, int samples, int concurrency, int maxStep, Duration latency, boolean print) throws Exception {
        HouseholdEpisode episode = new HouseholdEpisode(HouseholdPrompt.DEFAULT, maxStep);
        try (FakeOpenAiServer server = FakeOpenAiServer.start(r -> FakeOpenAiServer.reply("THOUGHT: turn " + r.messages().size()
                        + ".\nACTION: " + (r.messages().size() % 4 == 1 ? "look around" : "inventory"), latency));
                OpenAiChatClient c = OpenAiChatClient.builder(server.baseUrl(), FakeOpenAiServer.MODEL).temperature(0.7).build()) {
            Path out = Files.createTempDirectory("kaizen-teacher-bench-");
            long s = System.nanoTime();
            TeacherRun.Result r = TeacherRun.run(TeacherTasks.of(tasks), (index, task) -> HouseholdEval.play(episode, index, tasks.get(task), c),
                    new TeacherRun.Settings(out, TeacherTasks.HOUSEHOLD_SOURCE, c.modelName(), 0.7, samples, concurrency, false));
            double secs = (System.nanoTime() - s) / 1e9;
            int episodes = r.summary().episodes();
            if (!print) return;
            double ideal = Math.ceil((double) episodes / concurrency) * maxStep * latency.toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "latency %2d ms: %d episodes (%d worlds x %d samples, %d turns each) at concurrency %d in %.2f s: "
                    + "%.0f episodes/s, %.0f model calls/s%s; %d trajectories written%n", latency.toMillis(), episodes, tasks.size(), samples,
                    maxStep, concurrency, secs, episodes / secs, episodes * maxStep / secs,
                    latency.isZero() ? "" : String.format(Locale.ROOT, " (ideal %.2f s, overhead %.1f%%)", ideal, 100 * (secs - ideal) / ideal),
                    r.trajectories().size());
        }
    }
}
