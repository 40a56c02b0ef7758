package kaizen.data.gen.household;

import java.util.random.RandomGenerator;
import kaizen.env.household.Command;
import kaizen.env.household.Receptacle;
import kaizen.env.household.World;

/**
 * Plausible wrong commands for the recovery variant: a verb the world does not know (words a
 * model may bring from elsewhere) or a receptacle number that does not exist in this room.
 */
public final class Mistakes {
    private Mistakes() {}

    public static String mangle(Command c, World world, RandomGenerator rng) {
        if (rng.nextBoolean()) {
            String v = wrongVerb(c, rng);
            if (!v.isEmpty()) return v;
        }
        return wrongNumber(c, world);
    }

    private static String wrongVerb(Command c, RandomGenerator rng) {
        return switch (c) {
            case Command.WalkTo w -> (rng.nextBoolean() ? "go to " : "move to ") + w.place().label();
            case Command.PickUp p -> rng.nextBoolean() ? "take " + p.item().label() + " from " + p.place().label() : "grab " + p.item().label();
            case Command.Place p -> (rng.nextBoolean() ? "put " : "drop ") + p.item().label() + " in/on " + p.place().label();
            case Command.Open o -> "unlock " + o.place().label();
            case Command.Treat t -> t.treatment().verb() + " " + t.item().label() + " with " + t.appliance().label();
            case Command.SwitchOn s -> "turn on " + s.light().label();
            default -> "";
        };
    }

    /** The command with its receptacle's number replaced by one past the highest of that kind. */
    private static String wrongNumber(Command c, World world) {
        Receptacle r = switch (c) {
            case Command.WalkTo w -> w.place();
            case Command.PickUp p -> p.place();
            case Command.Place p -> p.place();
            case Command.Open o -> o.place();
            case Command.Treat t -> t.appliance();
            default -> world.receptacles().getFirst();
        };
        int past = 1 + (int) world.receptacles().stream().filter(x -> x.kind().equals(r.kind())).count();
        String text = c.text();
        if (!text.contains(r.label())) return "walk to " + r.kind().name() + " " + past;
        return text.replace(r.label(), r.kind().name() + " " + past);
    }
}
