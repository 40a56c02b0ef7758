package kaizen.data.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import kaizen.core.BadInputException;
import kaizen.core.JsonlRecord;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * Jericho interactive-fiction play as published in the JerichoWorld dataset
 * ({@code data/train.json}, {@code data/test.json}): a JSON array of transitions
 * {@code {"rom", "state", "next_state", "action", "reward"}}, where a state holds {@code obs},
 * {@code walkthrough_act}, {@code score}, {@code loc_desc}, {@code inv_desc}, ... An array of
 * such arrays (one per game) is read too.
 *
 * <p>Consecutive transitions of one game whose {@code state.obs} continues the previous
 * {@code next_state.obs} form one ReAct episode (at most {@value #MAX_STEPS} steps; a longer run
 * is cut into several): the game's text opens it, each action is an assistant turn with an empty
 * THOUGHT: (the dataset has no reasoning), each {@code next_state.obs} the next user turn. An
 * episode counts as solved when every action is the walkthrough's ({@code walkthrough_act});
 * its score is the share of steps that are. The report's "read" counts episodes.
 */
public final class JerichoImporter implements Importer {
    public static final String SOURCE = "jericho";
    static final int MAX_STEPS = 40;
    static final String ENVIRONMENT = "The environment is a classic interactive-fiction game (Jericho); commands are "
            + "short English imperatives such as \"north\", \"open mailbox\" or \"take lamp\".";

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "JerichoWorld transitions (train.json / test.json: [{rom, state: {obs, walkthrough_act, ...}, next_state, action, reward}], or one array per game); .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        Episode episode = new Episode(sink);
        InputFiles.eachRecord(input, sink, r -> {
            if (r.node().isArray()) {
                for (int i = 0; i < r.node().size() && !sink.full(); i++) {
                    try {
                        episode.add(new JsonlRecord(r.file(), r.line(), r.node().get(i)), "[" + i + "].");
                    } catch (BadInputException e) {
                        sink.malformed(e);
                    }
                }
            } else {
                episode.add(r, "");
            }
        }, InputFiles.JSON);
        episode.flush();
    }

    /** The episode being collected; flushed to the sink when the next transition does not continue it. */
    private static final class Episode {
        private final ImportSink sink;
        private ReactConversation conversation;
        private String rom;
        private String id;
        private String lastObservation;
        private int walkthroughSteps;
        private double reward;

        Episode(ImportSink sink) {
            this.sink = sink;
        }

        void add(JsonlRecord r, String at) {
            String rom = field(r, at, "rom");
            JsonNode state = object(r, at, "state");
            JsonNode next = object(r, at, "next_state");
            String action = field(r, at, "action");
            String obs = state.path("obs").asText("");
            boolean continues = conversation != null && rom.equals(this.rom) && obs.equals(lastObservation)
                    && conversation.steps() < MAX_STEPS;
            if (!continues) {
                flush();
                this.rom = rom;
                this.id = rom + "-" + r.file().getFileName() + ":" + r.line();
                String opening = obs.isBlank() ? state.path("loc_desc").asText("") : obs;
                conversation = new ReactConversation(ENVIRONMENT + " The game is " + rom + ".", opening);
            } else {
                conversation.observe(lastObservation);
            }
            conversation.act("", action);
            if (action.strip().equalsIgnoreCase(state.path("walkthrough_act").asText("").strip())) walkthroughSteps++;
            reward += r.node().path("reward").asDouble(0);
            lastObservation = next.path("obs").asText("");
        }

        void flush() {
            if (conversation == null) return;
            int steps = conversation.steps();
            Trajectory.Outcome outcome = new Trajectory.Outcome(walkthroughSteps == steps, (double) walkthroughSteps / steps);
            sink.keepIfWellFormed(new Trajectory(SOURCE, id, "interactive-fiction", conversation.messages(), outcome, 0,
                    Map.of("rom", rom, "reward", String.format(Locale.ROOT, "%.0f", reward), "thoughts", "none")), Protocol.REACT);
            conversation = null;
            walkthroughSteps = 0;
            reward = 0;
        }

        private String field(JsonlRecord r, String at, String name) {
            JsonNode n = r.node().path(name);
            if (!n.isTextual() || n.asText().isBlank()) {
                flush();
                throw r.error(at + name, "expected a non-empty string, found " + JsonlRecord.kind(n));
            }
            return n.asText();
        }

        private JsonNode object(JsonlRecord r, String at, String name) {
            JsonNode n = r.node().path(name);
            if (!n.isObject()) {
                flush();
                throw r.error(at + name, "expected an object, found " + JsonlRecord.kind(n));
            }
            return n;
        }
    }
}
