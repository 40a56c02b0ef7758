package kaizen.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command's --help renders: picocli treats descriptions as format strings, so a bare '%' (as in
 * "95% intervals") makes it warn on stderr and print the text raw, '%n' and all.
 */
class HelpTextTest {
    @TestFactory
    Stream<DynamicTest> everyCommandsHelpRendersWithoutFormatWarnings() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        return paths.stream().map(path -> DynamicTest.dynamicTest("kaizen " + String.join(" ", path) + " --help", () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertAll(
                    () -> assertEquals(0, r.code(), r.err()),
                    () -> assertFalse(r.err().contains("picocli WARN"), r.err()),
                    () -> assertFalse(r.out().contains("%n"), r.out()),
                    () -> assertFalse(r.out().isBlank(), "no usage text"));
        }));
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().aliases().length > 0 && !sub.getCommandName().equals(name)) return;  // one path per command
            if (name.equals("help")) return;  // picocli's own help command takes no --help
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, into);
        });
    }
}
