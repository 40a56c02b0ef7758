package kaizen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "eval", description = "Run an AgentBench evaluation (reference-faithful prompts, parsing and scores).",
        mixinStandardHelpOptions = true, subcommands = {EvalDbBenchCommand.class, EvalAlfworldCommand.class, EvalHouseholdCommand.class})
final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
