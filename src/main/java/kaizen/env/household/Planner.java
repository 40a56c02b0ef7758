package kaizen.env.household;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kaizen.env.household.Command.Open;
import kaizen.env.household.Command.PickUp;
import kaizen.env.household.Command.Place;
import kaizen.env.household.Command.SwitchOn;
import kaizen.env.household.Command.Treat;
import kaizen.env.household.Command.WalkTo;

/**
 * The expert: solves a world's goal step by step with realistic search. It knows the goal, the
 * receptacles in sight and the catalogue's usual homes of things, but not where things are until
 * it has looked (unless omniscient): it searches the likeliest receptacles first, opens shut ones,
 * remembers what it saw, carries the thing to an appliance if the goal needs it, then to the
 * target. Each step says why it is taken, for the thought that goes with it.
 */
public final class Planner {
    /** Why a step is taken. */
    public enum Purpose {
        SEARCH, OPEN_TO_SEARCH, GO_TO_THING, TAKE, GO_TO_APPLIANCE, OPEN_APPLIANCE, TREAT, GO_TO_TARGET, OPEN_TARGET, PLACE,
        SEARCH_LIGHT, GO_TO_LIGHT, SWITCH_ON
    }

    /** One step: the command and its purpose. */
    public record Move(Command command, Purpose purpose) {}

    private final World world;
    private final Goal goal;
    private final Map<Receptacle, List<Item>> seen = new LinkedHashMap<>();
    private final Set<Item> delivered = new HashSet<>();

    /** A planner that learns where things are by looking; {@code omniscient} gives it the whole layout at the start. */
    public Planner(World world, boolean omniscient) {
        this.world = world;
        this.goal = world.goal();
        if (omniscient) {
            for (Receptacle r : world.receptacles()) seen.put(r, new ArrayList<>());
            for (Item i : world.items()) world.whereIs(i).ifPresent(r -> seen.get(r).add(i));
        }
    }

    /** What the planner has seen so far: receptacles it has looked into, with their contents then. */
    public Map<Receptacle, List<Item>> seen() {
        return Map.copyOf(seen);
    }

    /** The next step toward the goal, or empty when the goal holds. */
    public Optional<Move> next() {
        observe();
        if (world.goalMet()) return Optional.empty();
        Optional<Item> held = world.carried();
        return Optional.of(held.isPresent() ? carry(held.get()) : fetch());
    }

    private void observe() {
        world.position().filter(r -> !world.shutHere()).ifPresent(r -> seen.put(r, world.visibleHere()));
    }

    private Move carry(Item it) {
        Optional<Treatment> t = goal.family().treatment();
        if (t.isPresent() && !world.condition(it).has(t.get())) {
            Receptacle app = world.receptacles().stream().filter(r -> r.kind().appliance().equals(t)).findFirst().orElseThrow();
            if (!here(app)) return new Move(new WalkTo(app), Purpose.GO_TO_APPLIANCE);
            if (world.shutHere()) return new Move(new Open(app), Purpose.OPEN_APPLIANCE);
            return new Move(new Treat(t.get(), it, app), Purpose.TREAT);
        }
        if (goal.family() == Family.EXAMINE_UNDER_LIGHT) {
            Optional<Map.Entry<Receptacle, Item>> light = knownLight();
            if (light.isEmpty()) return search(goal.light().orElseThrow(), Purpose.SEARCH_LIGHT);
            if (!here(light.get().getKey())) return new Move(new WalkTo(light.get().getKey()), Purpose.GO_TO_LIGHT);
            return new Move(new SwitchOn(light.get().getValue()), Purpose.SWITCH_ON);
        }
        Receptacle target = target();
        if (!here(target)) return new Move(new WalkTo(target), Purpose.GO_TO_TARGET);
        if (world.shutHere()) return new Move(new Open(target), Purpose.OPEN_TARGET);
        delivered.add(it);
        return new Move(new Place(it, target), Purpose.PLACE);
    }

    private Move fetch() {
        for (var e : orderedSeen()) {
            for (Item i : e.getValue()) {
                if (!i.kind().equals(goal.item()) || delivered.contains(i)) continue;
                if (!here(e.getKey())) return new Move(new WalkTo(e.getKey()), Purpose.GO_TO_THING);
                if (world.shutHere()) return new Move(new Open(e.getKey()), Purpose.OPEN_TO_SEARCH); // omniscient: knew it was inside
                return new Move(new PickUp(i, e.getKey()), Purpose.TAKE);
            }
        }
        return search(goal.item(), Purpose.SEARCH);
    }

    /** Seen receptacles, the one the player stands at first, so a thing at hand is taken before walking elsewhere. */
    private List<Map.Entry<Receptacle, List<Item>>> orderedSeen() {
        List<Map.Entry<Receptacle, List<Item>>> out = new ArrayList<>(seen.entrySet());
        out.sort(Comparator.comparing(e -> here(e.getKey()) ? 0 : 1));
        return out;
    }

    /** Opens the receptacle here if it is shut and not yet searched, else walks to the likeliest unsearched one. */
    private Move search(ItemKind wanted, Purpose purpose) {
        Optional<Receptacle> pos = world.position();
        if (pos.isPresent() && world.shutHere() && !seen.containsKey(pos.get())) {
            return new Move(new Open(pos.get()), Purpose.OPEN_TO_SEARCH);
        }
        Receptacle next = world.receptacles().stream().filter(r -> !seen.containsKey(r))
                .min(Comparator.comparingInt(r -> homeRank(wanted, r)))
                .orElseThrow(() -> new IllegalStateException("searched every receptacle of seed " + world.seed() + " without finding a " + wanted.name()));
        return new Move(new WalkTo(next), purpose);
    }

    private static int homeRank(ItemKind kind, Receptacle r) {
        int i = kind.homes().indexOf(r.kind().name());
        return i < 0 ? kind.homes().size() : i;
    }

    private Optional<Map.Entry<Receptacle, Item>> knownLight() {
        for (var e : orderedSeen()) {
            for (Item i : e.getValue()) if (i.kind().light()) return Optional.of(Map.entry(e.getKey(), i));
        }
        return Optional.empty();
    }

    /** The receptacle of the target kind to fill: the one already holding a delivered thing, else the first. */
    private Receptacle target() {
        ReceptacleKind kind = goal.target().orElseThrow();
        List<Receptacle> candidates = world.receptacles().stream().filter(r -> r.kind().equals(kind)).toList();
        for (Receptacle r : candidates) {
            if (seen.getOrDefault(r, List.of()).stream().anyMatch(delivered::contains)) return r;
        }
        return candidates.getFirst();
    }

    private boolean here(Receptacle r) {
        return world.position().filter(r::equals).isPresent();
    }
}
