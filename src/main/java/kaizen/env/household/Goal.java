package kaizen.env.household;

import java.util.Optional;

/**
 * What a world asks: the family, the kind of thing, where it must end up (for the put families)
 * or which light it must be examined under, and the sentence that states it.
 */
public record Goal(Family family, ItemKind item, Optional<ReceptacleKind> target, Optional<ItemKind> light, String text) {
    /** How many things of the kind must end up in one target receptacle. */
    public int count() {
        return family == Family.PUT_TWO ? 2 : 1;
    }
}
