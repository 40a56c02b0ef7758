package kaizen.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import kaizen.env.household.Family;
import kaizen.env.household.World;
import picocli.CommandLine;
import picocli.CommandLine.Option;

@CommandLine.Command(name = "household", mixinStandardHelpOptions = true, description = "Kaizen's own household world.",
        subcommands = {HouseholdCommand.Play.class})
final class HouseholdCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @CommandLine.Command(name = "play", mixinStandardHelpOptions = true,
            description = {"Play a generated household world in the terminal: one command per line on stdin ('help' lists the",
                "available actions, 'quit' or end of input stops). Works with piped input."},
            footer = {"", "Example:", "  printf 'look around\\ninventory\\n' | kaizen household play --seed 7"})
    static final class Play implements Callable<Integer> {
        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the world (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--family", paramLabel = "F", description = "Goal family: ${COMPLETION-CANDIDATES} (default: any).")
        Family family;

        @CommandLine.Mixin
        DebugOption debug;

        @Override
        public Integer call() {
            World world = family == null ? World.generate(seed) : World.generate(seed, family);
            PrintStream out = System.out;
            out.println(world.intro());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try {
                for (String line; (line = prompt(out, in)) != null; ) {
                    if (line.isBlank()) continue;
                    if (line.strip().equals("quit")) break;
                    if (line.strip().equals("help")) {
                        world.admissible().forEach(c -> out.println("  " + c.text()));
                        continue;
                    }
                    World.Feedback fb = world.step(line);
                    out.println(fb.text());
                    if (fb.goalMet()) {
                        out.println("Goal reached in " + world.steps() + " commands.");
                        return 0;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println("Goal not reached (" + world.steps() + " commands).");
            return 1;
        }

        private static String prompt(PrintStream out, BufferedReader in) throws IOException {
            out.print("> ");
            out.flush();
            String line = in.readLine();
            if (line == null || System.console() == null) out.println(line == null ? "" : line); // echo piped input so a transcript reads well
            return line;
        }
    }
}
