package kaizen.env.household;

import java.util.List;

/**
 * A kind of room: its name, the receptacles it may have (each with a count range), and the item
 * kinds found there.
 */
public record RoomKind(String name, List<Fitting> fittings, List<ItemKind> items) {
    public RoomKind {
        fittings = List.copyOf(fittings);
        items = List.copyOf(items);
    }

    /** A receptacle kind with how many of it a room has; min 0 means it may be missing. */
    public record Fitting(ReceptacleKind kind, int min, int max) {}
}
