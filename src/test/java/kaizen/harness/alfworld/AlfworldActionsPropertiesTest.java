package kaizen.harness.alfworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.core.python.PyStrings;
import kaizen.harness.Session;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the output reading and of the message window, over generated inputs. */
class AlfworldActionsPropertiesTest {
    @Provide
    Arbitrary<String> commands() {
        Arbitrary<String> verb = Arbitraries.of("go to", "take", "open", "close", "examine", "use", "heat", "cool", "clean");
        Arbitrary<String> thing = Arbitraries.of("apple", "fridge", "countertop", "mug", "desklamp", "cabinet");
        return net.jqwik.api.Combinators.combine(verb, thing, Arbitraries.integers().between(1, 12))
                .as((v, t, n) -> v + " " + t + " " + n);
    }

    @Provide
    Arbitrary<List<String>> commandLists() {
        return commands().list().ofMaxSize(8);
    }

    @Property
    void anAdmissibleCommandAfterActionIsPlayedAsIs(@ForAll("commands") String command,
            @ForAll("commandLists") List<String> others, @ForAll("junk") String thought) {
        List<String> admissible = new ArrayList<>(others);
        admissible.add(command);
        String output = thought.replace("ACTION:", "") + "\nACTION: " + command.toUpperCase() + "  \nmore text ACTION: look";
        assertEquals(Optional.of(command), AlfworldActions.command(output, admissible));
    }

    @Property
    void theCommandIsAdmissibleOrTheOutputsOwnText(@ForAll("junk") String output, @ForAll("commandLists") List<String> admissible) {
        Optional<String> c = AlfworldActions.command(output, admissible);
        int at = output.indexOf("ACTION:");
        if (at < 0) {
            assertEquals(Optional.empty(), c);
            return;
        }
        String rest = output.substring(at + "ACTION:".length());
        int nl = rest.indexOf('\n');
        String own = PyStrings.lower(PyStrings.strip(nl < 0 ? rest : rest.substring(0, nl)));
        c.ifPresent(cmd -> assertTrue(admissible.contains(cmd) || cmd.equals(own), cmd));
        if (own.isEmpty()) assertEquals(Optional.empty(), c);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("ACTION: go\n\t apple1").ofMaxLength(40),
                commands().map(c -> "THOUGHT: hm.\nACTION: " + c.substring(0, c.length() / 2)));
    }

    @Property
    void theWindowKeepsTheInstructionAlternatesRolesAndEndsWithTheNewestMessage(
            @ForAll @IntRange(min = 0, max = 30) int pairs, @ForAll @IntRange(min = 1, max = 900) int wordsPerMessage) {
        List<Message> history = new ArrayList<>();
        history.add(Message.user("instruction"));
        for (int i = 0; i < pairs; i++) {
            history.add(Message.assistant("reply " + i + " " + "word ".repeat(wordsPerMessage)));
            history.add(Message.user("observation " + i));
        }
        List<Message> w = Session.window(history);
        assertTrue(w.getFirst().content().startsWith("instruction"));
        for (int i = 0; i < w.size(); i++) assertEquals(i % 2 == 0 ? Role.USER : Role.ASSISTANT, w.get(i).role(), "message " + i);
        int omitted = history.size() - w.size();
        assertEquals(omitted > 0, w.getFirst().content().endsWith("[NOTICE] " + omitted + " messages are omitted."));
        if (w.size() > 1) assertEquals(history.getLast(), w.getLast());
        int total = w.stream().mapToInt(m -> Session.segments(m.content())).sum();
        assertTrue(omitted == 0 || total - Session.segments(w.getFirst().content()) + Session.segments("instruction")
                < Session.THRESHOLD_SEGMENTS);
    }
}
