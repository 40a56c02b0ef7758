package kaizen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "data", description = "Build training data (Kaizen's own tasks and trajectories; never AgentBench's).",
        mixinStandardHelpOptions = true,
        subcommands = {DataGenCommand.class, DataImportCommand.class, DataTeacherCommand.class, DataBuildCommand.class})
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
