package kaizen.cli;

import java.io.PrintWriter;
import kaizen.core.KaizenException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kaizen} command line. Errors a user can act on are printed without stack traces unless --debug. */
@Command(name = "kaizen", mixinStandardHelpOptions = true, version = "kaizen 0.1.0",
        description = "Evaluate, build data for and train small agent models on AgentBench's DBBench and ALFWorld.",
        subcommands = {EvalCommand.class, ReportCommand.class, DataCommand.class, TrainCommand.class,
                AlfworldCommand.class, HouseholdCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (debug) ex.printStackTrace(err);
            if (ex instanceof KaizenException) {
                err.println("error: " + ex.getMessage());
            } else {
                err.println("error: " + ex + (debug ? "" : " (run with --debug for the stack trace)"));
            }
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
