package kaizen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import kaizen.train.ChatRenderer;
import kaizen.train.GrpoRun;
import kaizen.train.ModelFolder;
import kaizen.train.RunConfig;
import kaizen.train.RunConfigReader;
import kaizen.train.RunRecord;
import kaizen.train.TrainRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "train", description = "LoRA fine-tuning (SFT, DPO, GRPO) computed by the PyTorch worker in worker/.",
        mixinStandardHelpOptions = true, subcommands = {TrainCommand.Sft.class, TrainCommand.Dpo.class, GrpoCommand.class, TrainCommand.Curve.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    abstract static class Kind implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN.yaml", description = "the run's settings (docs/TRAINING.md lists them and their defaults)")
        Path file;

        @Option(names = "--dry-run", description = "validate, write the shards and worker.json, start no worker")
        boolean dryRun;

        @Option(names = "--stop-after-steps", paramLabel = "N", hidden = true,
                description = "stop after step N's checkpoint, as an interruption would (resume tests)")
        int stopAfterSteps;

        @CommandLine.Mixin
        ProgressOption progressBar;

        @CommandLine.Mixin
        DebugOption debug;

        abstract RunConfig.Kind kind();

        @Override
        public Integer call() {
            RunConfig config = RunConfigReader.read(file, kind());
            var options = new TrainRun.Options(dryRun, stopAfterSteps, progressBar.shown(), System.err);
            var end = new TrainRun(config, options, model -> ChatRenderer.of(model, config.data().template())).run();
            end.ifPresent(r -> System.out.println(summary(config, r)));
            return 0;
        }

        private static String summary(RunConfig c, RunRecord r) {
            String outputs = r.adapter().isEmpty() ? "" : "\nadapter: " + r.adapter() + (r.merged().isEmpty() ? "" : "\nmerged:  " + r.merged());
            return c.kind().id() + " run " + c.name() + ": " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (r.message().isEmpty() ? "" : " (" + r.message() + ")") + "\nrecord:  " + c.out().resolve(RunRecord.FILE)
                    + outputs;
        }
    }

    @Command(name = "sft", mixinStandardHelpOptions = true,
            description = "Supervised fine-tuning with LoRA: loss on the assistant replies only.")
    static final class Sft extends Kind {
        @Override
        RunConfig.Kind kind() {
            return RunConfig.Kind.SFT;
        }
    }

    @Command(name = "dpo", mixinStandardHelpOptions = true,
            description = "Direct preference optimisation with LoRA; the frozen base (adapters off) is the reference.")
    static final class Dpo extends Kind {
        @Override
        RunConfig.Kind kind() {
            return RunConfig.Kind.DPO;
        }
    }

    @Command(name = "curve", mixinStandardHelpOptions = true,
            description = {"Draws a GRPO run folder's curve.png again from its metrics.jsonl and eval.jsonl, for a run cut",
                "off before its end or copied from another machine (a finished run draws it itself)."})
    static final class Curve implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the GRPO run folder (the config's out)")
        Path dir;

        @CommandLine.Mixin
        DebugOption debug;

        @Override
        public Integer call() {
            System.out.println("wrote " + GrpoRun.plotCurve(dir, System.err));
            return 0;
        }
    }
}
