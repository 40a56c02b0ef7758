package kaizen.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.DbServer;
import kaizen.train.DbRollouts;
import kaizen.train.GrpoConfig;
import kaizen.train.GrpoConfigReader;
import kaizen.train.GrpoRun;
import kaizen.train.HouseholdRollouts;
import kaizen.train.RolloutTasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = {"GRPO with the environments in the loop: each step plays G episodes of each sampled synthetic task",
            "(household worlds or generated DB tasks) through the harness against the policy's endpoint, rewards them,",
            "and takes one clipped policy-gradient step with KL to the frozen SFT model. Rerun to resume."},
        footer = {"", "Writes OUT/metrics.jsonl (per step), OUT/eval.jsonl (held-out), OUT/curve.png, OUT/adapter/, OUT/run.json.",
            "To end a running run early but cleanly (last evaluation, adapter, curve), create OUT/FINISH: the step in",
            "progress becomes the last; the file is consumed, so rerunning resumes toward grpo.steps.",
            "docs/TRAINING.md \"GRPO\" lists the settings."})
final class GrpoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN.yaml", description = "the run's settings (kind: grpo)")
    Path file;

    @Option(names = "--stop-after-steps", paramLabel = "N", hidden = true, description = "stop after step N's checkpoint (resume tests)")
    int stopAfterSteps;

    @Option(names = "--max-minutes", paramLabel = "M",
            description = "end after the first step that finishes past M minutes, as if it were the last (evaluation, adapter, curve)")
    double maxMinutes;

    @Mixin
    ProgressOption progressBar;

    @Mixin
    DebugOption debug;

    @Mixin
    DbServerOptions db;

    @Override
    public Integer call() {
        GrpoConfig c = GrpoConfigReader.read(file);
        var options = new GrpoRun.Options(progressBar.shown(), System.err, stopAfterSteps, Math.round(maxMinutes * 60));
        GrpoConfig.Tasks t = c.tasks();
        double partial = c.grpo().partialWeight();
        if (t.env() == GrpoConfig.Env.HOUSEHOLD) {
            return report(c, new GrpoRun(c, options, new HouseholdRollouts(t.seed(), t.heldOutSeed(), t.heldOut(), t.maxTurns(), partial)).run());
        }
        try (DbServer server = db.start(); DbEnvironment env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT);
             RolloutTasks tasks = new DbRollouts(t.file().orElseThrow(), env, t.heldOut(), t.maxTurns(), partial)) {
            return report(c, new GrpoRun(c, options, tasks).run());
        }
    }

    private static int report(GrpoConfig c, Map<String, Object> record) {
        System.out.println("grpo run " + c.name() + ": " + record.get("status") + " at step " + record.get("step")
                + "\nrecord:  " + c.out().resolve("run.json") + "\ncurve:   " + c.out().resolve("curve.png"));
        return 0;
    }
}
