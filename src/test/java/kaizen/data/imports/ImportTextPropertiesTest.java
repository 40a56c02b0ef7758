package kaizen.data.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import kaizen.core.Message;
import kaizen.data.build.Protocol;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Provide;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** The text conversions every ReAct importer relies on, over arbitrary source text. */
class ImportTextPropertiesTest {
    @Property
    void anyThoughtAndNonBlankActionMakeAWellFormedReactReply(@ForAll("sourceText") String thought, @ForAll("sourceText") String action) {
        Assume.that(action.chars().anyMatch(Character::isLetter)); // a command; a blank one is the protocol check's to refuse
        String reply = ReactConversation.reply(thought, action);
        assertEquals(Optional.empty(), Protocol.REACT.problem(List.of(Message.user("go"), Message.assistant(reply))), reply);
    }

    /** Text built from the pieces that could break the line protocol: line breaks of every kind and the keywords. */
    @Provide
    Arbitrary<String> sourceText() {
        return Arbitraries.of("a", "go", " ", "\n", "\r", "\r\n", "\u2028", "\u0085", "THOUGHT:", "ACTION:", "Thought:", "Action:")
                .list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Property
    void episodesAlternateAndEndOnTheAgent(@ForAll @net.jqwik.api.constraints.Size(max = 30) List<@StringLength(min = 1, max = 20) String> actions) {
        Assume.that(!actions.isEmpty() && actions.stream().noneMatch(String::isBlank));
        ReactConversation c = new ReactConversation("env", "goal");
        for (String a : actions) {
            c.act("", a);
            c.observe("seen " + a);
        }
        List<Message> ms = c.messages();
        assertEquals(2 * actions.size(), ms.size());
        assertEquals(Optional.empty(), Protocol.REACT.problem(ms));
    }

    @Property
    void agentGymRepliesGiveBackTheirLastActionLine(@ForAll @StringLength(max = 60) String thought, @ForAll @StringLength(min = 1, max = 30) String action) {
        Assume.that(!action.isBlank() && action.lines().count() == 1 && !thought.contains("Action:") && !action.contains("Action:"));
        Optional<BabyAiImporter.Step> step = BabyAiImporter.Step.parse("Thought:\n" + thought + "\n\nAction:\n" + action + "\n");
        assertTrue(step.isPresent());
        assertEquals(action.strip(), step.get().action());
    }
}
