package kaizen.report;

import kaizen.harness.dbbench.DbBenchScoring;

/**
 * What a run was evaluated on: the two AgentBench tasks, and Kaizen's own household worlds (the
 * training environment for ALFWorld's protocol, reported apart so the two are never compared); a
 * run folder holds episodes of exactly one.
 */
public enum Benchmark {
    DBBENCH("DBBench", "accuracy", "dbbench"),
    ALFWORLD("ALFWorld", "success rate", "alfworld"),
    HOUSEHOLD("Household", "success rate", "household");

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

    /** AgentBench's headline number in metrics.json: DBBench's overall_cat_accuracy, ALFWorld's (and household's) success_rate. */
    public String agentBenchScoreName() {
        return this == DBBENCH ? DbBenchScoring.OVERALL : "success_rate";
    }

    /** What the per-episode score is called: DBBench answers are accurate, ALFWorld games and household worlds succeed. */
    public String scoreName() {
        return scoreName;
    }

    /** A lower-case name usable in HTML ids. */
    public String id() {
        return id;
    }
}
