package kaizen.data.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.core.Role;

/**
 * Reads a list of chat turns in the two layouts public dumps use: ShareGPT's
 * {@code [{"from", "value"}]} and the role/content one ({@code [{"role", "content"}]}, OpenAI,
 * Agent-FLAN). Extra keys on a turn (e.g. AgentInstruct's {@code loss}) are ignored. Errors name
 * the turn: {@code conversations[3].from}.
 *
 * @param field the array's field on the record, e.g. {@code conversations}
 * @param speakerKey {@code from} or {@code role}
 * @param textKey {@code value} or {@code content}
 * @param speakers lower-cased speaker name to role; an unknown speaker is a malformed record
 */
record ChatTurns(String field, String speakerKey, String textKey, Map<String, Role> speakers) {
    /** ShareGPT's speakers, AgentGym/AgentInstruct included (human/gpt/system). */
    static final Map<String, Role> SHAREGPT_SPEAKERS = Map.of(
            "human", Role.USER, "user", Role.USER,
            "gpt", Role.ASSISTANT, "chatgpt", Role.ASSISTANT, "bard", Role.ASSISTANT, "assistant", Role.ASSISTANT,
            "system", Role.SYSTEM);

    static ChatTurns shareGpt(Map<String, Role> speakers) {
        return new ChatTurns("conversations", "from", "value", speakers);
    }

    boolean presentIn(JsonlRecord r) {
        return r.node().has(field);
    }

    List<Message> read(JsonlRecord r) {
        JsonNode turns = r.array(field);
        List<Message> out = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            JsonNode t = turns.get(i);
            String at = field + "[" + i + "]";
            String who = t.path(speakerKey).asText();
            Role role = speakers.get(who.toLowerCase(Locale.ROOT));
            if (role == null) throw r.error(at + "." + speakerKey, "unknown speaker '" + who + "'");
            JsonNode text = t.path(textKey);
            if (!text.isTextual()) throw r.error(at + "." + textKey, "expected a string, found " + JsonlRecord.kind(text));
            out.add(new Message(role, text.asText()));
        }
        return out;
    }
}
