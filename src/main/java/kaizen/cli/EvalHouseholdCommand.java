package kaizen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kaizen.harness.household.HouseholdEval;
import kaizen.harness.household.HouseholdOracle;
import kaizen.harness.household.HouseholdSplit;
import kaizen.harness.household.HouseholdTask;
import kaizen.harness.runner.EvalReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "household", mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on Kaizen's own household worlds (not ALFWorld) with the",
            "THOUGHT/ACTION protocol that household training data is written in: the same",
            "instruction, intro and observation texts, the available-actions list, one",
            "command per turn read from the ACTION: line, at most --max-step turns.",
            "Metric: success_rate, plus success per family. World i is of family i mod 6.",
            "Results go to DIR/episodes.jsonl (transcripts, appended as episodes finish)",
            "and DIR/metrics.json. Rerun with the same --out to resume."},
        footer = {"", "Splits: held-out (default) plays the worlds of run seed " + HouseholdSplit.HELD_OUT_FIRST + " + S,",
            "a range `kaizen data gen household` refuses, so no generated trajectory shows",
            "them; train plays the worlds of `kaizen data gen household --seed S`.", "", "Examples:",
            "  kaizen eval household --agent oracle --count 60",
            "  kaizen eval household --count 600 --model http://localhost:8000/v1 \\",
            "      --model-name Qwen/Qwen2.5-7B-Instruct --out runs/qwen25-household"})
final class EvalHouseholdCommand implements Callable<Integer> {
    @Option(names = "--split", defaultValue = "held-out", paramLabel = "NAME", description = "held-out or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Mixin
    HouseholdWorldOptions worlds;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        run.validate();
        worlds.validate();
        HouseholdSplit theSplit = HouseholdSplit.of(split);
        List<HouseholdTask> tasks = run.limited(worlds.worlds(theSplit));
        try (RunOptions.Agent<HouseholdTask> agent = run.agent(HouseholdOracle::new)) {
            Path outDir = run.outDir("household", agent.name());
            System.err.println("kaizen: " + tasks.size() + " household worlds (" + theSplit.wireName() + ", seed " + worlds.seed + "), agent "
                    + agent.name() + ", out " + outDir);
            EvalReport.Outcome outcome = HouseholdEval.run(tasks, agent.forTask(), new HouseholdEval.Settings(outDir, run.concurrency,
                    worlds.maxStep, worlds.prompt(), theSplit, worlds.seed, run.progressBar.shown(), agent.name()));
            return RunOptions.report(outcome, tasks.size(), RunOptions.successHeadline(outcome.metrics(), "per_family"));
        }
    }
}
