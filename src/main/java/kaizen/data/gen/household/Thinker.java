package kaizen.data.gen.household;

import java.util.List;
import java.util.random.RandomGenerator;
import kaizen.env.household.Command;
import kaizen.env.household.Family;
import kaizen.env.household.Goal;
import kaizen.env.household.Item;
import kaizen.env.household.ItemKind;
import kaizen.env.household.Planner.Move;
import kaizen.env.household.Planner.Purpose;
import kaizen.env.household.Receptacle;
import kaizen.env.household.ReceptacleKind;
import kaizen.env.household.World;

/**
 * The expert's thoughts: a plan first (what to find, where it usually is, what to do with it),
 * then one short reason per step, from a few phrasings each. With StateAct on, every thought
 * opens with the explicit state: goal, current location and inventory.
 */
final class Thinker {
    private final World world;
    private final Goal goal;
    private final RandomGenerator rng;
    private final boolean stateAct;
    private Purpose previous;
    private int placed;

    Thinker(World world, RandomGenerator rng, boolean stateAct) {
        this.world = world;
        this.goal = world.goal();
        this.rng = rng;
        this.stateAct = stateAct;
    }

    /** The whole assistant turn: THOUGHT (state lines first with StateAct) and ACTION. */
    String turn(String reasoning, String action) {
        StringBuilder t = new StringBuilder("THOUGHT: ");
        if (stateAct) {
            t.append("Goal: ").append(goal.text()).append('\n');
            t.append("Location: ").append(world.position().map(Receptacle::label).orElse("middle of the " + world.roomName())).append('\n');
            t.append("Inventory: ").append(world.carried().map(Item::label).orElse("nothing")).append('\n');
        }
        return t.append(reasoning).append("\nACTION: ").append(action).toString();
    }

    /** The reasoning for a planner step; the first one carries the plan. */
    String reason(Move move) {
        String r = previous == null ? plan() + " " + step(move) : step(move);
        previous = move.purpose();
        if (move.purpose() == Purpose.PLACE) placed++;
        return r;
    }

    /** The reasoning of a mistake: using a receptacle without noticing it is shut. */
    String unaware(Command wrong, Receptacle here, Item held) {
        return switch (wrong) {
            case Command.Place p -> oneOf("I'm at the " + here.label() + ". I'll put the " + held.label() + " " + here.kind().preposition() + " it.",
                    "Here is the " + here.label() + "; in goes the " + held.label() + ".");
            case Command.Treat t -> oneOf("I'm at the " + here.label() + "; I'll " + t.treatment().verb() + " the " + held.label() + " now.",
                    "Now I " + t.treatment().verb() + " the " + held.label() + " with the " + here.label() + ".");
            default -> throw new IllegalArgumentException("not a use of a receptacle: " + wrong.text());
        };
    }

    /** After a command the world refused because the receptacle is shut. */
    String afterShut(Receptacle here) {
        return oneOf("That failed because the " + here.label() + " is closed. I have to open it first.",
                "The " + here.label() + " is shut, which is why nothing happened. I'll open it.",
                "Right, the " + here.label() + " is closed; opening it comes first.");
    }

    /** After a mistyped or impossible command, before the right one. */
    String afterInvalid(String wrong, Command right) {
        return oneOf("\"" + wrong + "\" did not work. Looking at the available actions, the right command is \"" + right.text() + "\".",
                "That command was not accepted. I'll use the exact form from the list of actions: " + right.text() + ".",
                "My last command was wrong. The list of actions shows what I meant: " + right.text() + ".");
    }

    private String plan() {
        String k = goal.item().name();
        String a = article(k);
        String to = goal.target().map(t -> t.preposition() + " " + article(t.name())).orElse("");
        String steps = switch (goal.family()) {
            case PUT -> "find " + a + ", pick it up and place it " + to;
            case CLEAN_THEN_PUT, HEAT_THEN_PUT, COOL_THEN_PUT -> {
                String app = appliance().kind().name();
                String verb = goal.family().treatment().orElseThrow().verb();
                yield "find " + a + ", take it to the " + app + " to " + verb + " it, then place it " + to;
            }
            case EXAMINE_UNDER_LIGHT -> "find " + a + ", carry it to the " + goal.light().orElseThrow().name() + " and switch the light on";
            case PUT_TWO -> "find " + a + " and place it " + to + ", then find a second " + k + " and place it in the same spot";
        };
        String homes = likelyHomes(goal.item());
        String start = homes.isEmpty() ? "" : " " + capital(a) + " is usually kept in or on " + homes + ", so I will look there first.";
        return oneOf("The goal is to " + goal.text() + ". My plan: " + steps + ".", "To " + goal.text() + ", I need to " + steps + ".",
                "Task: " + goal.text() + ". I will " + steps + ".") + start;
    }

    private String step(Move m) {
        String k = goal.item().name();
        return switch (m.purpose()) {
            case SEARCH -> secondOne(k) + missing(k) + switch (m.command()) {
                case Command.WalkTo w -> previous == null ? oneOf("I'll start with the " + w.place().label() + ".",
                        "First, the " + w.place().label() + ".") : oneOf("Next I'll check the " + w.place().label() + ".", "Let me try the " + w.place().label() + ".",
                        "The " + w.place().label() + " is the next place to search.");
                default -> "";
            };
            case OPEN_TO_SEARCH -> oneOf("The " + here() + " is closed; I'll open it to look inside.", "I need to open the " + here() + " to see what it holds.");
            case GO_TO_THING -> {
                Command.WalkTo w = (Command.WalkTo) m.command();
                yield secondOne(k) + oneOf("I saw " + article(k) + " " + w.place().kind().preposition() + " the " + w.place().label() + " earlier; I'll go back for it.",
                        "There was " + article(k) + " at the " + w.place().label() + ". Going there.");
            }
            case TAKE -> {
                Item i = ((Command.PickUp) m.command()).item();
                if (placed == 1) yield oneOf("Here is a second " + k + ": the " + i.label() + ". I'll take it.", "Another " + k + ", the "
                        + i.label() + ". Taking it.");
                yield oneOf("There is the " + i.label() + ". I'll pick it up.",
                        "Found " + article(k) + ": " + i.label() + ". Taking it.", "The " + i.label() + " is what I need; I'll take it.");
            }
            case GO_TO_APPLIANCE -> {
                String verb = goal.family().treatment().orElseThrow().verb();
                yield oneOf("I have the " + held() + ". Now I need to " + verb + " it, so I'll go to the " + appliance().label() + ".",
                        "Next, " + verb + " the " + held() + ": the " + appliance().label() + " can do that.");
            }
            case OPEN_APPLIANCE -> oneOf("The " + here() + " is closed. I'll open it before using it.", "First I open the " + here() + ".");
            case TREAT -> {
                String verb = goal.family().treatment().orElseThrow().verb();
                yield oneOf("I'm at the " + here() + ". I'll " + verb + " the " + held() + " here.", "Now I can " + verb + " the " + held() + ".");
            }
            case GO_TO_TARGET -> {
                ReceptacleKind t = goal.target().orElseThrow();
                String state = goal.family().treatment().map(tr -> "The " + held() + " is " + tr.adjective() + " now. ").orElse("I have the " + held() + ". ");
                yield state + oneOf("Now I take it to the " + target(m).label() + ".", "Next it goes " + t.preposition() + " the " + target(m).label() + ".");
            }
            case OPEN_TARGET -> oneOf("The " + here() + " is closed; I'll open it so I can put the " + held() + " inside.", "I need to open the " + here() + " first.");
            case PLACE -> {
                String p = ((Command.Place) m.command()).place().kind().preposition();
                String more = goal.family() == Family.PUT_TWO && placed == 0 ? " After that I still need a second " + k + "." : "";
                yield oneOf("I'll place the " + held() + " " + p + " the " + here() + ".", "Now I put the " + held() + " " + p + " the " + here() + ".") + more;
            }
            case SEARCH_LIGHT -> {
                String light = goal.light().orElseThrow().name();
                String where = ((Command.WalkTo) m.command()).place().label();
                yield "I have the " + held() + ". " + oneOf("I have not seen a " + light + " yet, so I'll check the " + where + ".",
                        "Now I need a " + light + "; the " + where + " is a likely place for one.");
            }
            case GO_TO_LIGHT -> {
                String where = ((Command.WalkTo) m.command()).place().label();
                yield oneOf("I have the " + held() + ". The " + goal.light().orElseThrow().name() + " is at the " + where + "; I'll go there.",
                        "With the " + held() + " in hand, I go to the " + where + ", where the light is.");
            }
            case SWITCH_ON -> oneOf("I'm next to the " + ((Command.SwitchOn) m.command()).light().label() + " holding the " + held()
                    + ". Switching it on lets me examine the " + held() + ".", "Now I switch on the light to look at the " + held() + ".");
        };
    }

    /** Right after the first of two is placed: says that one more is needed. */
    private String secondOne(String k) {
        if (previous != Purpose.PLACE) return "";
        return oneOf("One " + k + " is in place; now I need a second one. ", "That is the first " + k + ". I still need another. ");
    }

    /** "No cup on the worktop 1. " after a look that did not find the thing; empty otherwise. */
    private String missing(String k) {
        if (world.position().isEmpty() || (previous != Purpose.SEARCH && previous != Purpose.OPEN_TO_SEARCH)) return "";
        Receptacle r = world.position().get();
        String p = r.kind().preposition();
        if (world.carried().isPresent()) return "No " + goal.light().map(ItemKind::name).orElse(k) + " " + p + " the " + r.label() + ". ";
        return oneOf("No " + k + " " + p + " the " + r.label() + ". ", "The " + r.label() + " has no " + k + ". ");
    }

    private String likelyHomes(ItemKind kind) {
        List<String> present = kind.homes().stream().filter(h -> world.receptacles().stream().anyMatch(r -> r.kind().name().equals(h)))
                .map(h -> "the " + h).toList();
        if (present.isEmpty()) return "";
        return present.size() == 1 ? present.getFirst() : String.join(", ", present.subList(0, present.size() - 1)) + " or " + present.getLast();
    }

    private Receptacle appliance() {
        var t = goal.family().treatment();
        return world.receptacles().stream().filter(r -> r.kind().appliance().equals(t)).findFirst().orElseThrow();
    }

    private static Receptacle target(Move m) {
        return ((Command.WalkTo) m.command()).place();
    }

    private String here() {
        return world.position().map(Receptacle::label).orElseThrow();
    }

    private String held() {
        return world.carried().map(Item::label).orElseThrow();
    }

    private String oneOf(String... options) {
        return options[rng.nextInt(options.length)];
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
