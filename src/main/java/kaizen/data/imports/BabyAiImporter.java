package kaizen.data.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * BabyAI in text form as AgentGym publishes its trajectories (AgentTraj-L and the AgentGym BabyAI
 * data): {@code {"item_id": "babyai_N", "conversations": [{"from": "human"|"gpt", "loss", "value"}]}},
 * JSON array or JSON Lines, e.g. AgentTraj-L's {@code babyai_train.json}. Records neither in a
 * {@code babyai*} file nor with a {@code babyai_*} id are left out, so a mixed file can be given.
 *
 * <p>AgentGym's fixed opening (its instruction and the scripted "OK" reply) is replaced by Kaizen's
 * ReAct instruction; the first real human turn (goal, what the agent sees, available actions) and
 * the later ones are kept as they are; each reply {@code Thought:\n...\n\nAction:\n...} becomes
 * {@code THOUGHT: ...\nACTION: ...} with the source's thought (on one line).
 */
public final class BabyAiImporter implements Importer {
    public static final String SOURCE = "babyai";
    static final String ENVIRONMENT = "The environment is BabyAI, a grid world of rooms, doors, keys, balls and boxes; "
            + "commands are \"turn left\", \"turn right\", \"move forward\", \"go to <obj> <id>\", \"pick up <obj> <id>\", "
            + "\"go through <door> <id>\", \"toggle and go through <door> <id>\" and \"toggle\".";
    private static final ChatTurns TURNS = ChatTurns.shareGpt(ChatTurns.SHAREGPT_SPEAKERS);
    /** AgentGym's reply form; the action is the last non-empty line after "Action:". */
    private static final Pattern REPLY = Pattern.compile("(?s)^\\s*Thought:\\s*(.*?)\\s*Action:\\s*(.*?)\\s*$");
    /** The words that end AgentGym's instruction turn ("Your response should use the following format"). */
    private static final String OPENING_MARK = "Your response should use the following format";

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "AgentGym BabyAI trajectories ({item_id: babyai_N, conversations: [{from: human|gpt, value}]}, e.g. AgentTraj-L) as JSON or JSONL; .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        InputFiles.eachRecord(input, sink, r -> convert(r, sink), InputFiles.JSON);
    }

    private static void convert(JsonlRecord r, ImportSink sink) {
        String id = r.optionalText("item_id", r.optionalText("id", ""));
        if (!id.startsWith("babyai") && !r.file().getFileName().toString().startsWith("babyai")) {
            sink.leaveOut("not a babyai record");
            return;
        }
        List<Message> turns = TURNS.read(r);
        int start = turns.size() >= 2 && turns.getFirst().content().contains(OPENING_MARK) ? 2 : 0;
        if (turns.size() - start < 2 || turns.get(start).role() != Role.USER) {
            sink.leaveOut("fewer than two turns");
            return;
        }
        ReactConversation c = new ReactConversation(ENVIRONMENT, turns.get(start).content());
        for (int i = start + 1; i < turns.size(); i++) {
            Message m = turns.get(i);
            if (m.role() == turns.get(i - 1).role()) {
                sink.leaveOut("turns do not alternate user/assistant");
                return;
            }
            if (m.role() == Role.USER) {
                c.observe(m.content());
                continue;
            }
            String at = "conversations[" + i + "].value";
            Step step = Step.parse(m.content())
                    .orElseThrow(() -> r.error(at, "a reply without 'Thought:' then 'Action:'"));
            c.act(step.thought(), step.action());
        }
        sink.keepIfWellFormed(new Trajectory(SOURCE, id, "grid-navigation", c.messages(), Trajectory.Outcome.SOLVED, 0,
                Map.of("thoughts", "source")), Protocol.REACT);
    }

    /** One AgentGym reply: its thought and its action. */
    record Step(String thought, String action) {
        static Optional<Step> parse(String reply) {
            Matcher m = REPLY.matcher(reply.replace("</s>", ""));
            if (!m.matches() || m.group(2).isBlank()) return Optional.empty();
            List<String> lines = m.group(2).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return Optional.of(new Step(m.group(1), lines.getLast()));
        }
    }
}
