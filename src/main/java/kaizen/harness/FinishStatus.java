package kaizen.harness;

/** How an episode ended: AgentBench's SampleStatus values, with their exact strings. */
public enum FinishStatus {
    RUNNING("running"),
    COMPLETED("completed"),
    AGENT_CONTEXT_LIMIT("agent context limit"),
    AGENT_VALIDATION_FAILED("agent validation failed"),
    AGENT_INVALID_ACTION("agent invalid action"),
    TASK_LIMIT_REACHED("task limit reached"),
    UNKNOWN("unknown"),
    TASK_ERROR("task error");

    private final String text;

    FinishStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static FinishStatus fromText(String text) {
        for (FinishStatus s : values()) if (s.text.equals(text)) return s;
        throw new IllegalArgumentException("unknown finish status '" + text + "'");
    }
}
