package kaizen.env.household;

/** What an appliance does to a thing: the three changes of state that goals ask for. */
public enum Treatment {
    CLEAN("clean", "clean"),
    HEAT("heat", "hot"),
    COOL("cool", "cold");

    private final String verb;
    private final String adjective;

    Treatment(String verb, String adjective) {
        this.verb = verb;
        this.adjective = adjective;
    }

    /** The command verb, e.g. {@code heat} in "heat cup 1 using stove 1". */
    public String verb() {
        return verb;
    }

    /** The state it leaves a thing in, e.g. {@code hot}. */
    public String adjective() {
        return adjective;
    }
}
