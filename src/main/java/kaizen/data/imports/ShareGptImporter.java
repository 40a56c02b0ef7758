package kaizen.data.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
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
    private static final ChatTurns SHAREGPT = ChatTurns.shareGpt(ChatTurns.SHAREGPT_SPEAKERS);

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
        InputFiles.eachRecord(input, sink, r -> convert(r, sink), InputFiles.JSON);
    }

    private static void convert(JsonlRecord r, ImportSink sink) {
        List<Message> messages = r.node().has("messages") ? openAi(r) : SHAREGPT.read(r);
        String id = r.node().path("id").isValueNode() ? r.node().path("id").asText() : r.file().getFileName() + ":" + r.line();
        sink.keepIfWellFormed(new Trajectory(SOURCE, id, "chat", messages, Trajectory.Outcome.SOLVED, 0, Map.of()), Protocol.CONVERSATION);
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
