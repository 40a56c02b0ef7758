package kaizen.core;

/** Who wrote a chat message. Names are the OpenAI chat API's role strings. */
public enum Role {
    SYSTEM("system"),
    USER("user"),
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Role fromWire(String name) {
        for (Role r : values()) {
            if (r.wireName.equals(name)) return r;
        }
        // AgentBench's own transcripts call the model "agent".
        if ("agent".equals(name)) return ASSISTANT;
        throw new IllegalArgumentException("unknown chat role '" + name + "' (expected system, user, assistant or agent)");
    }
}
