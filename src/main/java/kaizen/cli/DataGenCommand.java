package kaizen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "gen", description = "Generate synthetic tasks with expert trajectories.",
        mixinStandardHelpOptions = true, subcommands = {DataGenDbBenchCommand.class, DataGenHouseholdCommand.class, DataGenNegativesCommand.class})
final class DataGenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
