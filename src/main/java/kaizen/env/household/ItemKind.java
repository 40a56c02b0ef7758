package kaizen.env.household;

import java.util.List;
import java.util.Set;

/**
 * A kind of thing: its name, what can be done to it, and the receptacle kinds where it usually
 * lives (the generator prefers them; a sensible searcher looks there first).
 *
 * @param treatments the appliance treatments it accepts (clean, heat, cool)
 * @param sliceable can be cut with a cutter
 * @param cutter can cut sliceable things while carried
 * @param light a light source that can be switched on; lights are fixed in place
 * @param homes receptacle kind names where it is usually found, most likely first
 */
public record ItemKind(String name, Set<Treatment> treatments, boolean sliceable, boolean cutter, boolean light, List<String> homes) {
    public ItemKind {
        treatments = Set.copyOf(treatments);
        homes = List.copyOf(homes);
    }

    public boolean portable() {
        return !light;
    }

    public boolean accepts(Treatment t) {
        return treatments.contains(t);
    }
}
