package kaizen.harness.model;

/** What one model call produced. */
public sealed interface ModelReply {
    /** The assistant's text (choices[0].message.content; empty when the endpoint sent null). */
    record Text(String content) implements ModelReply {}

    /**
     * The endpoint refused the request because the conversation is too long. AgentBench turns
     * this into the "agent context limit" finish; {@code detail} is the endpoint's body.
     */
    record ContextLimit(String detail) implements ModelReply {}
}
