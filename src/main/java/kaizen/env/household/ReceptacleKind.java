package kaizen.env.household;

import java.util.Optional;

/**
 * A kind of place that holds things: a name ("tool chest"), whether it has a door or lid, whether
 * things go in it or on it, and the treatment it performs if it is an appliance.
 */
public record ReceptacleKind(String name, boolean openable, boolean inside, Optional<Treatment> appliance) {
    static ReceptacleKind surface(String name) {
        return new ReceptacleKind(name, false, false, Optional.empty());
    }

    static ReceptacleKind container(String name) {
        return new ReceptacleKind(name, true, true, Optional.empty());
    }

    static ReceptacleKind open(String name) {
        return new ReceptacleKind(name, false, true, Optional.empty());
    }

    static ReceptacleKind appliance(String name, boolean openable, boolean inside, Treatment t) {
        return new ReceptacleKind(name, openable, inside, Optional.of(t));
    }

    /** "in" or "on", as commands and texts say it. */
    public String preposition() {
        return inside ? "in" : "on";
    }
}
