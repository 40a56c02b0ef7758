package kaizen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.data.teacher.TeacherRun;
import kaizen.data.teacher.TeacherSummary;
import kaizen.data.teacher.TeacherTasks;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import kaizen.harness.dbbench.DbBenchEpisode;
import kaizen.harness.dbbench.DbBenchEval;
import kaizen.harness.household.HouseholdEpisode;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.OpenAiChatClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "teacher", mixinStandardHelpOptions = true,
        description = {
            "Roll out a teacher model (any OpenAI-compatible endpoint) on Kaizen's synthetic",
            "tasks through the evaluation's own protocol and scoring, K samples per task.",
            "Every finished episode becomes a trajectory in DIR/trajectories.jsonl with its",
            "outcome: successes feed SFT, a task's failures and successes become DPO pairs",
            "in `kaizen data build`. DIR/summary.json has per-task success counts and",
            "pass@k. Rerun with the same --out to resume. AgentBench and ALFWorld tasks",
            "are refused."},
        subcommands = {DataTeacherCommand.DbBench.class, DataTeacherCommand.Household.class})
final class DataTeacherCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The teacher endpoint and the run's options, shared by both task kinds. */
    static final class TeacherOptions {
        @Mixin
        ModelOptions model;

        @Option(names = "--samples", defaultValue = "1", paramLabel = "K", description = "Rollouts per task (default: ${DEFAULT-VALUE}); K > 1 needs --temperature > 0.")
        int samples;

        @Option(names = "--concurrency", defaultValue = "8", description = "Episodes in flight at once (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; reuse it to resume.")
        Path out;

        @Mixin
        ProgressOption progressBar;

        @Mixin
        DebugOption debug;

        OpenAiChatClient client() {
            if (model.modelUrl == null) throw new KaizenException("give the teacher's endpoint with --model URL (and --model-name NAME)");
            if (samples > 1 && model.temperature == 0) {
                throw new KaizenException("--samples " + samples + " at temperature 0 would give the same conversation "
                        + samples + " times; give --temperature (e.g. 0.7)");
            }
            return model.client();
        }

        TeacherRun.Settings settings(String source, OpenAiChatClient client) {
            return new TeacherRun.Settings(out, source, client.modelName(), model.temperature, samples, concurrency, progressBar.shown());
        }

        /** Prints what the run left in its folder; exit code 3 when episodes are missing. */
        static int report(TeacherRun.Result r) {
            TeacherSummary s = r.summary();
            var runner = r.runner();
            int total = s.tasks().size() * s.settings().samples();
            System.out.printf("finished %d/%d episodes (this run %d, resumed %d, failed %d)%n", s.episodes(), total, runner.ranNow(),
                    runner.skipped(), runner.failed());
            System.out.printf("  successes (SFT)       %d%n  failures              %d%n  DPO-pairable tasks    %d%n", s.successes(), s.failures(),
                    s.pairableTasks());
            for (int k = 1; k <= s.settings().samples(); k++) System.out.printf("  pass@%-16d %.4f%n", k, s.passAt(k));
            System.out.println("wrote " + r.trajectoriesFile() + " (" + r.trajectories().size() + " trajectories) and "
                    + r.trajectoriesFile().resolveSibling(TeacherRun.SUMMARY_FILE));
            if (s.episodes() == total) return 0;
            System.out.println("incomplete: " + (total - s.episodes()) + " episodes not finished"
                    + (runner.lastError().isEmpty() ? "" : " (last error: " + runner.lastError() + ")") + "; rerun with the same --out to resume");
            return 3;
        }
    }

    @Command(name = "dbbench", mixinStandardHelpOptions = true,
            description = {"Roll out the teacher on synthetic DBBench tasks (the tasks.jsonl of",
                "`kaizen data gen dbbench`), each in its own database, scored as the DBBench",
                "evaluation scores them (table hashes for mutations)."},
            footer = {"", "Example:", "  kaizen data teacher dbbench --tasks data/synth-dbbench/tasks.jsonl \\",
                "      --model http://localhost:8000/v1 --model-name Qwen/Qwen2.5-72B-Instruct \\",
                "      --samples 4 --temperature 0.7 --out data/teacher-dbbench"})
    static final class DbBench implements Callable<Integer> {
        @Option(names = "--tasks", required = true, paramLabel = "FILE", description = "tasks.jsonl written by `kaizen data gen dbbench`.")
        Path tasksFile;

        @Option(names = "--max-round", defaultValue = "" + DbBenchEpisode.DEFAULT_MAX_ROUND,
                description = "SQL rounds before 'task limit reached' (default: ${DEFAULT-VALUE}).")
        int maxRound;

        @Mixin
        TeacherOptions teacher;

        @Mixin
        DbServerOptions db;

        @Override
        public Integer call() {
            if (maxRound < 0) throw new KaizenException("--max-round must not be negative");
            TeacherTasks.DbBench tasks = TeacherTasks.dbbench(tasksFile);
            try (OpenAiChatClient client = teacher.client(); DbServer server = db.start();
                    DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT)) {
                ChatModel model = teacher.model.budgeted(client);
                DbBenchEpisode episode = new DbBenchEpisode(env, maxRound);
                System.err.println("kaizen: " + tasks.tasks().size() + " DBBench tasks x " + teacher.samples + " samples, teacher "
                        + client.modelName() + ", database " + server.describe() + ", out " + teacher.out);
                TeacherRun.Result r = TeacherRun.run(tasks.tasks(), (index, task) -> DbBenchEval.play(episode, index, tasks.db().get(task), model),
                        teacher.settings(TeacherTasks.DBBENCH_SOURCE, client));
                return TeacherOptions.report(r);
            }
        }
    }

    @Command(name = "household", mixinStandardHelpOptions = true,
            description = {"Roll out the teacher on Kaizen's household worlds of the train split (the",
                "worlds of `kaizen data gen household --seed S`; the held-out split is never",
                "rolled out), scored by the world."},
            footer = {"", "Example:", "  kaizen data teacher household --seed 1 --count 600 \\",
                "      --model http://localhost:8000/v1 --model-name Qwen/Qwen2.5-72B-Instruct \\",
                "      --samples 4 --temperature 0.7 --out data/teacher-household"})
    static final class Household implements Callable<Integer> {
        @Mixin
        HouseholdWorldOptions options;

        @Mixin
        TeacherOptions teacher;

        @Override
        public Integer call() {
            options.validate();
            List<HouseholdTask> worlds = TeacherTasks.household(options.seed, options.count);
            HouseholdEpisode episode = options.episode();
            try (OpenAiChatClient client = teacher.client()) {
                ChatModel model = teacher.model.budgeted(client);
                System.err.println("kaizen: " + worlds.size() + " household worlds x " + teacher.samples + " samples, teacher "
                        + client.modelName() + ", out " + teacher.out);
                TeacherRun.Result r = TeacherRun.run(TeacherTasks.of(worlds), (index, task) -> HouseholdEval.play(episode, index, worlds.get(task), model),
                        teacher.settings(TeacherTasks.HOUSEHOLD_SOURCE, client));
                return TeacherOptions.report(r);
            }
        }
    }

}
