package kaizen.env.household;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a player can type, as values. {@link #text()} is the canonical command line (what
 * the available-actions list shows); {@link #parse} reads a typed line back, forgiving case and
 * extra spaces.
 */
public sealed interface Command {
    String text();

    record WalkTo(Receptacle place) implements Command {
        public String text() {
            return "walk to " + place.label();
        }
    }

    record Open(Receptacle place) implements Command {
        public String text() {
            return "open " + place.label();
        }
    }

    record Close(Receptacle place) implements Command {
        public String text() {
            return "close " + place.label();
        }
    }

    record PickUp(Item item, Receptacle place) implements Command {
        public String text() {
            return "pick up " + item.label() + " from " + place.label();
        }
    }

    record Place(Item item, Receptacle place) implements Command {
        public String text() {
            return "place " + item.label() + " " + place.kind().preposition() + " " + place.label();
        }
    }

    record Treat(Treatment treatment, Item item, Receptacle appliance) implements Command {
        public String text() {
            return treatment.verb() + " " + item.label() + " using " + appliance.label();
        }
    }

    record SwitchOn(Item light) implements Command {
        public String text() {
            return "switch on " + light.label();
        }
    }

    record Slice(Item item, Item cutter) implements Command {
        public String text() {
            return "slice " + item.label() + " with " + cutter.label();
        }
    }

    record LookAround() implements Command {
        public String text() {
            return "look around";
        }
    }

    record Inventory() implements Command {
        public String text() {
            return "inventory";
        }
    }

    record ExamineItem(Item item) implements Command {
        public String text() {
            return "examine " + item.label();
        }
    }

    record ExamineReceptacle(Receptacle place) implements Command {
        public String text() {
            return "examine " + place.label();
        }
    }

    Pattern WALK = Pattern.compile("walk to (.+)");
    Pattern OPEN = Pattern.compile("open (.+)");
    Pattern CLOSE = Pattern.compile("close (.+)");
    Pattern PICK_UP = Pattern.compile("pick up (.+) from (.+)");
    Pattern PLACE = Pattern.compile("place (.+) (?:in|on) (.+)");
    Pattern TREAT = Pattern.compile("(clean|heat|cool) (.+) using (.+)");
    Pattern SWITCH_ON = Pattern.compile("switch on (.+)");
    Pattern SLICE = Pattern.compile("slice (.+) with (.+)");
    Pattern EXAMINE = Pattern.compile("examine (.+)");

    /**
     * Reads a typed line against the names of one world; empty when it is not a command of this
     * world (unknown verb, unknown name, missing number). Whether it can be done now is the
     * world's business, not the parser's.
     */
    static Optional<Command> parse(String line, Function<String, Optional<Receptacle>> places, Function<String, Optional<Item>> items) {
        String s = line.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        if (s.equals("look around") || s.equals("look")) return Optional.of(new LookAround());
        if (s.equals("inventory")) return Optional.of(new Inventory());
        Matcher m;
        if ((m = WALK.matcher(s)).matches()) return places.apply(m.group(1)).map(WalkTo::new);
        if ((m = OPEN.matcher(s)).matches()) return places.apply(m.group(1)).map(Open::new);
        if ((m = CLOSE.matcher(s)).matches()) return places.apply(m.group(1)).map(Close::new);
        if ((m = PICK_UP.matcher(s)).matches()) {
            Optional<Item> i = items.apply(m.group(1));
            Optional<Receptacle> r = places.apply(m.group(2));
            return i.isPresent() && r.isPresent() ? Optional.of(new PickUp(i.get(), r.get())) : Optional.empty();
        }
        if ((m = PLACE.matcher(s)).matches()) {
            Optional<Item> i = items.apply(m.group(1));
            Optional<Receptacle> r = places.apply(m.group(2));
            return i.isPresent() && r.isPresent() ? Optional.of(new Place(i.get(), r.get())) : Optional.empty();
        }
        if ((m = TREAT.matcher(s)).matches()) {
            Treatment t = Treatment.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            Optional<Item> i = items.apply(m.group(2));
            Optional<Receptacle> r = places.apply(m.group(3));
            return i.isPresent() && r.isPresent() ? Optional.of(new Treat(t, i.get(), r.get())) : Optional.empty();
        }
        if ((m = SWITCH_ON.matcher(s)).matches()) return items.apply(m.group(1)).map(SwitchOn::new);
        if ((m = SLICE.matcher(s)).matches()) {
            Optional<Item> i = items.apply(m.group(1));
            Optional<Item> c = items.apply(m.group(2));
            return i.isPresent() && c.isPresent() ? Optional.of(new Slice(i.get(), c.get())) : Optional.empty();
        }
        if ((m = EXAMINE.matcher(s)).matches()) {
            Optional<Item> i = items.apply(m.group(1));
            if (i.isPresent()) return Optional.of(new ExamineItem(i.get()));
            return places.apply(m.group(1)).map(ExamineReceptacle::new);
        }
        return Optional.empty();
    }
}
