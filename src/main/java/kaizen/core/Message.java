package kaizen.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One chat message, exactly as the model sees it. */
public record Message(Role role, String content) {
    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static Message user(String content) {
        return new Message(Role.USER, content);
    }

    public static Message assistant(String content) {
        return new Message(Role.ASSISTANT, content);
    }

    public static Message system(String content) {
        return new Message(Role.SYSTEM, content);
    }

    /** The OpenAI chat wire form, {@code {"role": ..., "content": ...}}, role first. */
    public Map<String, String> toJson() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("role", role.wireName());
        out.put("content", content);
        return out;
    }

    /**
     * Reads the wire form back (AgentBench's "agent" role is the assistant).
     *
     * @throws IllegalArgumentException for an unknown role or a missing/non-string content
     */
    public static Message fromJson(JsonNode node) {
        JsonNode content = node.path("content");
        if (!content.isTextual()) throw new IllegalArgumentException("message content must be a string");
        return new Message(Role.fromWire(node.path("role").asText()), content.asText());
    }
}
