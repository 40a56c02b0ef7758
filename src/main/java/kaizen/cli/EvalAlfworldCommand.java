package kaizen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kaizen.core.KaizenException;
import kaizen.env.alfworld.Alfworld;
import kaizen.harness.alfworld.AlfworldEpisode;
import kaizen.harness.alfworld.AlfworldEval;
import kaizen.harness.alfworld.AlfworldOracle;
import kaizen.harness.alfworld.AlfworldPrompt;
import kaizen.harness.alfworld.AlfworldTask;
import kaizen.harness.runner.EvalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "alfworld", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on ALFWorld games with the reference's protocol (AgentBench's text",
            "protocol: THOUGHT/ACTION, 1-shot example by task type, available actions, max_step) and",
            "its metric (success_rate), plus success by task type. Games: DIR/json_2.1.1/SPLIT/<task>/",
            "<trial>/game.tw-pddl (or DIR/<task>/<trial>/game.tw-pddl), by task type, then name.",
            "Results go to DIR/episodes.jsonl (transcripts, appended as episodes finish) and",
            "DIR/metrics.json (AgentBench's overall.json fields). Rerun with the same --out to resume."},
        footer = {"", "The reference's \"standard\" split is ALFWorld's valid_unseen (134 games).", "", "Examples:",
            "  kaizen eval alfworld --agent oracle --split valid_seen",
            "  kaizen eval alfworld --data ~/alfworld --model http://localhost:8000/v1 --model-name Qwen/Qwen2.5-7B-Instruct --concurrency 32 --out runs/qwen25-alf"})
final class EvalAlfworldCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/alfworld",
            description = "ALFWorld data folder holding json_2.1.1/, or a folder of task folders (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = AlfworldTask.DEFAULT_SPLIT,
            description = "Folder under json_2.1.1 (default: ${DEFAULT-VALUE}, the reference's standard split).")
    String split;

    @Option(names = "--prompts", paramLabel = "FILE", defaultValue = "../shared/data/agentbench/alfworld_multiturn_plan_first.json",
            description = "The reference's prompts file with the 1-shot examples (default: ${DEFAULT-VALUE}).")
    Path prompts;

    @Option(names = "--max-step", defaultValue = "" + AlfworldEpisode.DEFAULT_MAX_STEP,
            description = "Model turns before 'task limit reached' (AgentBench config: ${DEFAULT-VALUE}).")
    int maxStep;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        run.validate();
        if (maxStep < 1) throw new KaizenException("--max-step must be at least 1");
        List<AlfworldTask> tasks = run.limited(AlfworldTask.load(data, split));
        AlfworldPrompt prompt = AlfworldPrompt.load(prompts);
        try (RunOptions.Agent<AlfworldTask> agent = run.agent(AlfworldOracle::of)) {
            Path outDir = run.outDir("alfworld", agent.name());
            System.err.println("kaizen: " + tasks.size() + " ALFWorld games from " + data + " (" + split + "), agent "
                    + agent.name() + ", out " + outDir);
            EvalReport.Outcome outcome = AlfworldEval.run(tasks, prompt, Alfworld::load, agent.forTask(),
                    new AlfworldEval.Settings(outDir, run.concurrency, maxStep, run.progressBar.shown(), agent.name()));
            return RunOptions.report(outcome, tasks.size(), RunOptions.successHeadline(outcome.metrics(), "per_type"));
        }
    }
}
