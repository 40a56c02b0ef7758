package kaizen.data.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.JsonStream;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;
import kaizen.data.Trajectory;
import kaizen.data.build.Protocol;

/**
 * General chat for the general-ability share of the mix: ShareGPT dumps
 * ({@code {"id", "conversations": [{"from": "human"|"gpt"|"system", "value"}]}}, as a JSON array
 * or JSON Lines) and OpenAI-messages files ({@code {"messages": [{"role", "content"}]}}).
 * A conversation is kept when it alternates user and assistant turns (after an optional system
 * prompt) and ends with a non-empty assistant reply; otherwise it is left out and counted.
 */
public final class ShareGptImporter implements Importer {
    public static final String SOURCE = "sharegpt";
    private static final Map<String, Role> SHAREGPT_ROLES = Map.of(
            "human", Role.USER, "user", Role.USER,
            "gpt", Role.ASSISTANT, "chatgpt", Role.ASSISTANT, "bard", Role.ASSISTANT, "assistant", Role.ASSISTANT,
            "system", Role.SYSTEM);

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String reads() {
        return "ShareGPT JSON/JSONL (conversations: from/value) or OpenAI messages JSONL (messages: role/content); .gz too";
    }

    @Override
    public void run(Path input, ImportSink sink) {
        for (Path file : InputFiles.list(input, ".json", ".jsonl", ".json.gz", ".jsonl.gz")) {
            JsonStream.forEach(file, r -> {
                convert(r, sink);
                return !sink.full();
            }, sink::malformed);
            if (sink.full()) return;
        }
    }

    private static void convert(JsonlRecord r, ImportSink sink) {
        List<Message> messages;
        try {
            messages = r.node().has("messages") ? openAi(r) : shareGpt(r);
        } catch (kaizen.core.BadInputException e) {
            sink.malformed(e);
            return;
        }
        Optional<String> problem = Protocol.CONVERSATION.problem(messages);
        if (problem.isPresent()) {
            sink.leaveOut(problem.get());
            return;
        }
        String id = r.node().path("id").isValueNode() ? r.node().path("id").asText() : r.file().getFileName() + ":" + r.line();
        sink.keep(new Trajectory(SOURCE, id, "chat", messages, Trajectory.Outcome.SOLVED, 0, Map.of()));
    }

    private static List<Message> shareGpt(JsonlRecord r) {
        JsonNode turns = r.array("conversations");
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            String field = "conversations[" + i + "]";
            Role role = SHAREGPT_ROLES.get(t.path("from").asText().toLowerCase(java.util.Locale.ROOT));
            if (role == null) throw r.error(field + ".from", "unknown speaker '" + t.path("from").asText() + "'");
            if (!t.path("value").isTextual()) throw r.error(field + ".value", "expected a string");
            out.add(new Message(role, t.path("value").asText()));
        }
        return out;
    }

    private static List<Message> openAi(JsonlRecord r) {
        JsonNode ms = r.array("messages");
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            try {
                out.add(Message.fromJson(ms.get(i)));
            } catch (IllegalArgumentException e) {
                throw r.error("messages[" + i + "]", e.getMessage());
            }
        }
        return out;
    }
}
