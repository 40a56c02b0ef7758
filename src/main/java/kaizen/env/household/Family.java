package kaizen.env.household;

import java.util.Optional;

/** The six skill families a goal belongs to; the wire name is the trajectory category. */
public enum Family {
    PUT("put", Optional.empty()),
    CLEAN_THEN_PUT("clean-then-put", Optional.of(Treatment.CLEAN)),
    HEAT_THEN_PUT("heat-then-put", Optional.of(Treatment.HEAT)),
    COOL_THEN_PUT("cool-then-put", Optional.of(Treatment.COOL)),
    EXAMINE_UNDER_LIGHT("examine-under-light", Optional.empty()),
    PUT_TWO("put-two", Optional.empty());

    private final String wireName;
    private final Optional<Treatment> treatment;

    Family(String wireName, Optional<Treatment> treatment) {
        this.wireName = wireName;
        this.treatment = treatment;
    }

    public String wireName() {
        return wireName;
    }

    /** The appliance treatment the goal needs before the thing is put down, if any. */
    public Optional<Treatment> treatment() {
        return treatment;
    }
}
