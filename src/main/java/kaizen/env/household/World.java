package kaizen.env.household;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import kaizen.env.household.Command.Close;
import kaizen.env.household.Command.ExamineItem;
import kaizen.env.household.Command.ExamineReceptacle;
import kaizen.env.household.Command.Inventory;
import kaizen.env.household.Command.LookAround;
import kaizen.env.household.Command.Open;
import kaizen.env.household.Command.PickUp;
import kaizen.env.household.Command.Place;
import kaizen.env.household.Command.Slice;
import kaizen.env.household.Command.SwitchOn;
import kaizen.env.household.Command.Treat;
import kaizen.env.household.Command.WalkTo;

/**
 * Kaizen's household world, the package's entry point: one room of a kind from Kaizen's own
 * catalogue, its receptacles and things, a goal of one of six families, and a player who walks
 * between receptacles, opens and closes them, carries one thing at a time and uses appliances.
 * Generated from a seed; the same seed and the same commands give the same texts.
 *
 * <p>The world is mutable (it is a game in progress) and single-threaded; its values (items,
 * receptacles, commands, goal) are immutable.
 */
public final class World {
    /** The state of one thing; heating clears cold and cooling clears hot. */
    public record Condition(boolean clean, boolean hot, boolean cold, boolean sliced, boolean lit) {
        static final Condition PLAIN = new Condition(false, false, false, false, false);

        public boolean has(Treatment t) {
            return switch (t) {
                case CLEAN -> clean;
                case HEAT -> hot;
                case COOL -> cold;
            };
        }

        Condition with(Treatment t) {
            return switch (t) {
                case CLEAN -> new Condition(true, hot, cold, sliced, lit);
                case HEAT -> new Condition(clean, true, false, sliced, lit);
                case COOL -> new Condition(clean, false, true, sliced, lit);
            };
        }

        List<String> words() {
            List<String> out = new ArrayList<>();
            if (clean) out.add("clean");
            if (hot) out.add("hot");
            if (cold) out.add("cold");
            if (sliced) out.add("sliced");
            if (lit) out.add("switched on");
            return out;
        }
    }

    /** What one command did: the text the player reads, whether it was possible, and whether the goal now holds. */
    public record Feedback(String text, boolean valid, boolean goalMet) {}

    private final long seed;
    private final RoomKind room;
    private final List<Receptacle> receptacles;
    private final List<Item> items;
    private final Goal goal;
    private final WorldText text;
    private final String intro;
    private final Map<Item, Receptacle> location;
    private final Map<Item, Condition> condition = new HashMap<>();
    private final Set<Receptacle> open = new HashSet<>();
    private Optional<Item> carried = Optional.empty();
    private Optional<Receptacle> position = Optional.empty();
    private int steps;

    World(long seed, RoomKind room, List<Receptacle> receptacles, Map<Item, Receptacle> placement, Set<Receptacle> openAtStart, Goal goal) {
        this.seed = seed;
        this.room = room;
        this.receptacles = List.copyOf(receptacles);
        this.location = new LinkedHashMap<>(placement);
        this.items = List.copyOf(placement.keySet());
        this.open.addAll(openAtStart);
        this.goal = goal;
        for (Item i : items) condition.put(i, Condition.PLAIN);
        // Texts draw from their own stream, so a phrasing change never changes what is generated.
        this.text = new WorldText(new SplittableRandom(seed ^ 0x5DEECE66DL).split());
        this.intro = text.intro(room.name(), labels(receptacles)) + "\n" + text.goalLine(goal.text());
    }

    /** A world of any family from a seed. */
    public static World generate(long seed) {
        return WorldGenerator.generate(seed, Optional.empty());
    }

    /** A world whose goal is of the given family. */
    public static World generate(long seed, Family family) {
        return WorldGenerator.generate(seed, Optional.of(family));
    }

    // ---- what the player is told ------------------------------------------------------------

    /** The opening text: the room, what stands in it, and the goal. */
    public String intro() {
        return intro;
    }

    public Goal goal() {
        return goal;
    }

    public long seed() {
        return seed;
    }

    public String roomName() {
        return room.name();
    }

    public List<Receptacle> receptacles() {
        return receptacles;
    }

    public List<Item> items() {
        return items;
    }

    public int steps() {
        return steps;
    }

    /** Reads and does one typed line; anything that is not a command of this world, or cannot be done now, changes nothing. */
    public Feedback step(String line) {
        Optional<Command> c = Command.parse(line, this::receptacleNamed, this::itemNamed);
        if (c.isEmpty()) {
            steps++;
            return new Feedback(text.invalid(), false, goalMet());
        }
        return step(c.get());
    }

    public Feedback step(Command c) {
        steps++;
        Optional<String> done = apply(c);
        return new Feedback(done.orElseGet(text::invalid), done.isPresent(), goalMet());
    }

    /** Every command that can be done now, in a stable order: walking first, then what is at hand, then look and inventory. */
    public List<Command> admissible() {
        List<Command> out = new ArrayList<>();
        for (Receptacle r : receptacles) if (position.isEmpty() || !position.get().equals(r)) out.add(new WalkTo(r));
        position.ifPresent(here -> {
            if (here.kind().openable()) out.add(open.contains(here) ? new Close(here) : new Open(here));
            if (accessible(here)) {
                List<Item> visible = contents(here);
                if (carried.isEmpty()) for (Item i : visible) if (i.kind().portable()) out.add(new PickUp(i, here));
                carried.ifPresent(c -> {
                    out.add(new Place(c, here));
                    here.kind().appliance().filter(t -> c.kind().accepts(t)).ifPresent(t -> out.add(new Treat(t, c, here)));
                    if (c.kind().cutter()) for (Item i : visible) if (i.kind().sliceable() && !condition.get(i).sliced()) out.add(new Slice(i, c));
                });
                for (Item i : visible) if (i.kind().light() && !condition.get(i).lit()) out.add(new SwitchOn(i));
                for (Item i : visible) out.add(new ExamineItem(i));
            }
            out.add(new ExamineReceptacle(here));
        });
        carried.ifPresent(c -> out.add(new ExamineItem(c)));
        out.add(new LookAround());
        out.add(new Inventory());
        return out;
    }

    // ---- what a player can observe (the planner uses only these) ------------------------------

    public Optional<Receptacle> position() {
        return position;
    }

    public Optional<Item> carried() {
        return carried;
    }

    /** The things the player can see where they stand: the contents of the receptacle if it is not shut, else nothing. */
    public List<Item> visibleHere() {
        return position.filter(this::accessible).map(this::contents).orElse(List.of());
    }

    /** Whether the receptacle where the player stands is shut (always false away from receptacles). */
    public boolean shutHere() {
        return position.map(r -> !accessible(r)).orElse(false);
    }

    public Condition condition(Item i) {
        return condition.get(i);
    }

    /** Whether the goal holds now, as the world checks it. */
    public boolean goalMet() {
        if (goal.family() == Family.EXAMINE_UNDER_LIGHT) {
            return carried.filter(c -> c.kind().equals(goal.item())).isPresent() && position.isPresent()
                    && contents(position.get()).stream().anyMatch(i -> i.kind().light() && condition.get(i).lit());
        }
        for (Receptacle r : receptacles) {
            if (!r.kind().equals(goal.target().orElseThrow())) continue;
            long n = contents(r).stream().filter(this::countsForGoal).count();
            if (n >= goal.count()) return true;
        }
        return false;
    }

    /** Whether a thing, wherever it is, is of the goal's kind and in the goal's state. */
    public boolean countsForGoal(Item i) {
        return i.kind().equals(goal.item()) && goal.family().treatment().map(t -> condition.get(i).has(t)).orElse(true);
    }

    /** Where a thing is: a receptacle, or empty when carried. */
    public Optional<Receptacle> whereIs(Item i) {
        return Optional.ofNullable(location.get(i));
    }

    /**
     * Checks the world's invariants and returns the broken ones (empty when all hold): every thing
     * is in exactly one place (one receptacle, or the player's hands), the player carries at most
     * one thing and only portable ones, only openable receptacles are open, and nothing is both hot
     * and cold.
     */
    public List<String> brokenInvariants() {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            boolean inPlace = location.containsKey(i);
            boolean held = carried.filter(i::equals).isPresent();
            if (inPlace == held) out.add(i.label() + " is in " + (inPlace ? "two places" : "no place"));
            if (inPlace && !receptacles.contains(location.get(i))) out.add(i.label() + " is in an unknown receptacle");
            if (condition.get(i).hot() && condition.get(i).cold()) out.add(i.label() + " is hot and cold");
        }
        if (location.size() + (carried.isPresent() ? 1 : 0) != items.size()) out.add("thing count changed");
        carried.filter(c -> !c.kind().portable()).ifPresent(c -> out.add("carrying fixed " + c.label()));
        for (Receptacle r : open) if (!r.kind().openable()) out.add(r.label() + " is open but has no door");
        return out;
    }

    // ---- mechanics -------------------------------------------------------------------------------

    private Optional<String> apply(Command c) {
        return switch (c) {
            case WalkTo w -> walk(w.place());
            case Open o -> here(o.place()) && o.place().kind().openable() && !open.contains(o.place()) ? doOpen(o.place()) : Optional.empty();
            case Close o -> here(o.place()) && open.contains(o.place()) ? doClose(o.place()) : Optional.empty();
            case PickUp p -> here(p.place()) && accessible(p.place()) && carried.isEmpty() && p.item().kind().portable()
                    && p.place().equals(location.get(p.item())) ? doPickUp(p.item(), p.place()) : Optional.empty();
            case Place p -> here(p.place()) && accessible(p.place()) && carried.filter(p.item()::equals).isPresent()
                    ? doPlace(p.item(), p.place()) : Optional.empty();
            case Treat t -> here(t.appliance()) && accessible(t.appliance()) && t.appliance().kind().appliance().filter(t.treatment()::equals).isPresent()
                    && carried.filter(t.item()::equals).isPresent() && t.item().kind().accepts(t.treatment())
                    ? doTreat(t.treatment(), t.item(), t.appliance()) : Optional.empty();
            case SwitchOn s -> s.light().kind().light() && visibleHere().contains(s.light()) && !condition.get(s.light()).lit()
                    ? doSwitchOn(s.light()) : Optional.empty();
            case Slice s -> s.item().kind().sliceable() && !condition.get(s.item()).sliced() && visibleHere().contains(s.item())
                    && carried.filter(s.cutter()::equals).isPresent() && s.cutter().kind().cutter() ? doSlice(s.item(), s.cutter()) : Optional.empty();
            case LookAround l -> Optional.of(look());
            case Inventory i -> Optional.of(text.hands(carried.map(Item::label).orElse("")));
            case ExamineItem e -> visibleHere().contains(e.item()) || carried.filter(e.item()::equals).isPresent()
                    ? Optional.of(text.condition(e.item(), condition.get(e.item()).words())) : Optional.empty();
            case ExamineReceptacle e -> here(e.place()) ? Optional.of(describe(e.place())) : Optional.empty();
        };
    }

    private Optional<String> walk(Receptacle r) {
        if (here(r)) return Optional.empty();
        position = Optional.of(r);
        return Optional.of(text.arrive(r) + " " + describe(r));
    }

    private String describe(Receptacle r) {
        return accessible(r) ? text.contents(r, labels(contents(r))) : text.shut(r);
    }

    private Optional<String> doOpen(Receptacle r) {
        open.add(r);
        return Optional.of(text.opened(r) + " " + text.contents(r, labels(contents(r))));
    }

    private Optional<String> doClose(Receptacle r) {
        open.remove(r);
        return Optional.of(text.closed(r));
    }

    private Optional<String> doPickUp(Item i, Receptacle r) {
        location.remove(i);
        carried = Optional.of(i);
        return Optional.of(text.pickedUp(i, r));
    }

    private Optional<String> doPlace(Item i, Receptacle r) {
        carried = Optional.empty();
        location.put(i, r);
        return Optional.of(text.placed(i, r));
    }

    private Optional<String> doTreat(Treatment t, Item i, Receptacle r) {
        condition.put(i, condition.get(i).with(t));
        return Optional.of(text.treated(t, i, r));
    }

    private Optional<String> doSwitchOn(Item light) {
        Condition c = condition.get(light);
        condition.put(light, new Condition(c.clean(), c.hot(), c.cold(), c.sliced(), true));
        return Optional.of(text.switchedOn(light));
    }

    private Optional<String> doSlice(Item i, Item cutter) {
        Condition c = condition.get(i);
        condition.put(i, new Condition(c.clean(), c.hot(), c.cold(), true, c.lit()));
        return Optional.of(text.sliced(i, cutter));
    }

    private String look() {
        if (position.isEmpty()) return text.middle(room.name(), labels(receptacles));
        Receptacle r = position.get();
        return text.nextTo(r) + " " + describe(r);
    }

    private boolean here(Receptacle r) {
        return position.filter(r::equals).isPresent();
    }

    private boolean accessible(Receptacle r) {
        return !r.kind().openable() || open.contains(r);
    }

    private List<Item> contents(Receptacle r) {
        List<Item> out = new ArrayList<>();
        for (var e : location.entrySet()) if (e.getValue().equals(r)) out.add(e.getKey());
        return out;
    }

    private Optional<Receptacle> receptacleNamed(String label) {
        return receptacles.stream().filter(r -> r.label().equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }

    private Optional<Item> itemNamed(String label) {
        return items.stream().filter(i -> i.label().equals(label.toLowerCase(Locale.ROOT))).findFirst();
    }

    private static List<String> labels(List<?> things) {
        return things.stream().map(t -> t instanceof Item i ? i.label() : ((Receptacle) t).label()).toList();
    }
}
