package kaizen.report;

/** The two AgentBench tasks Kaizen evaluates; a run folder holds episodes of exactly one. */
public enum Benchmark {
    DBBENCH("DBBench", "accuracy", "dbbench"),
    ALFWORLD("ALFWorld", "success rate", "alfworld");

    private final String title;
    private final String scoreName;
    private final String id;

    Benchmark(String title, String scoreName, String id) {
        this.title = title;
        this.scoreName = scoreName;
        this.id = id;
    }

    public String title() {
        return title;
    }

    /** What the per-episode score is called: DBBench answers are accurate, ALFWorld games succeed. */
    public String scoreName() {
        return scoreName;
    }

    /** A lower-case name usable in HTML ids. */
    public String id() {
        return id;
    }
}
