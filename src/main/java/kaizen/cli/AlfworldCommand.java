package kaizen.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import kaizen.core.KaizenException;
import kaizen.core.Progress;
import kaizen.env.alfworld.Alfworld;
import kaizen.env.alfworld.AlfworldGame;
import kaizen.harness.alfworld.AlfworldTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "alfworld", mixinStandardHelpOptions = true,
        description = "Kaizen's ALFWorld engine on its own: replay walkthroughs, or play a game yourself.",
        subcommands = {AlfworldCommand.Walkthrough.class, AlfworldCommand.Play.class})
final class AlfworldCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "walkthrough", mixinStandardHelpOptions = true,
            description = {"Plays every game's stored walkthrough through the engine and checks that the game is won",
                "exactly after its last command. Prints won/total per split and names every game that is not.",
                "Exit status 0 when every game is won, 1 otherwise."},
            footer = {"", "Example:", "  kaizen alfworld walkthrough --data ~/alfworld --split valid_unseen"})
    static final class Walkthrough implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data/alfworld",
                description = "ALFWorld data folder holding json_2.1.1/, or a folder of task folders (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--split", paramLabel = "NAME",
                description = "Only this folder under json_2.1.1 (default: every split found).")
        String split;

        @picocli.CommandLine.Mixin
        ProgressOption progressBar;

        @Override
        public Integer call() {
            Map<String, List<AlfworldTask>> splits = new LinkedHashMap<>();
            for (String s : splitNames()) splits.put(s, AlfworldTask.load(data, s));
            int total = splits.values().stream().mapToInt(List::size).sum();
            List<String> problems = new ArrayList<>();
            Map<String, Integer> wonBySplit = new LinkedHashMap<>();
            try (Progress progress = new Progress("walkthroughs", total, System.err, progressBar.shown())) {
                for (var e : splits.entrySet()) {
                    int won = 0;
                    for (AlfworldTask task : e.getValue()) {
                        String problem = replay(task.gameFile());
                        if (problem.isEmpty()) {
                            won++;
                            progress.succeeded();
                        } else {
                            problems.add(task.name() + ": " + problem);
                            progress.failed();
                        }
                    }
                    wonBySplit.put(e.getKey(), won);
                }
            }
            PrintStream out = System.out;
            problems.forEach(p -> out.println("NOT WON " + p));
            wonBySplit.forEach((s, won) -> out.println(s + ": won " + won + "/" + splits.get(s).size()));
            out.println("total: won " + (total - problems.size()) + "/" + total);
            return problems.isEmpty() ? 0 : 1;
        }

        private List<String> splitNames() {
            if (split != null) return List.of(split);
            Path json = data.resolve(AlfworldTask.JSON_FOLDER);
            if (!Files.isDirectory(json)) return List.of(AlfworldTask.DEFAULT_SPLIT); // a folder of task folders
            try (Stream<Path> s = Files.list(json)) {
                List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
                if (names.isEmpty()) throw new KaizenException(json + ": no split folders");
                return names;
            } catch (IOException e) {
                throw new KaizenException(json + ": cannot list: " + e.getMessage());
            }
        }

        /** Empty when the walkthrough wins exactly at its end; otherwise what went wrong. */
        static String replay(Path gameFile) {
            try {
                List<String> steps = Alfworld.walkthrough(gameFile);
                AlfworldGame game = Alfworld.load(gameFile);
                AlfworldGame.Step step = game.reset();
                for (int i = 0; i < steps.size(); i++) {
                    if (step.won()) return "won early, before step " + (i + 1) + " of " + steps.size();
                    step = game.step(steps.get(i));
                }
                return step.won() ? "" : "not won after all " + steps.size() + " steps (last observation: " + step.observation() + ")";
            } catch (KaizenException e) {
                return e.getMessage();
            }
        }
    }

    @Command(name = "play", mixinStandardHelpOptions = true,
            description = {"Plays one game in the terminal: type commands as the agent would. Extra commands:",
                "  :actions   list the admissible commands", "  :quit      stop"},
            footer = {"", "Example:", "  kaizen alfworld play ../shared/data/alfworld/json_2.1.1/valid_seen/<task>/<trial>"})
    static final class Play implements Callable<Integer> {
        @Parameters(paramLabel = "GAME", description = "A game.tw-pddl file, or the trial folder holding it.")
        Path game;

        @Override
        public Integer call() throws IOException {
            Path file = Files.isDirectory(game) ? game.resolve(AlfworldTask.GAME_FILE) : game;
            if (!Files.isRegularFile(file)) throw new KaizenException(file + ": no such game file");
            AlfworldGame g = Alfworld.load(file);
            AlfworldGame.Step step = g.reset();
            PrintStream out = System.out;
            out.println(step.observation());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int moves = 0;
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals(":quit")) break;
                if (line.strip().equals(":actions")) {
                    step.admissibleCommands().forEach(c -> out.println("  " + c));
                    continue;
                }
                if (line.isBlank()) continue;
                step = g.step(line);
                moves++;
                out.println(step.observation());
                if (step.won()) {
                    out.println("*** You won in " + moves + (moves == 1 ? " move." : " moves."));
                    return 0;
                }
            }
            out.println("Stopped after " + moves + (moves == 1 ? " move." : " moves."));
            return 0;
        }
    }
}
