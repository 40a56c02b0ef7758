package kaizen.env.alfworld.pddl;

import java.util.List;
import java.util.Map;

/** The PDDL subset ALFWorld's domain and problems use (ADL with action costs), as parsed values. */
public final class Pddl {
    private Pddl() {}

    /** The type every object has, and the default of untyped names (as in Fast Downward). */
    public static final String ROOT_TYPE = "object";

    /** A name with its declared type: a parameter, an object, a constant or a type with its parent. */
    public record TypedName(String name, String type) {}

    public record Domain(String name, List<String> requirements, List<TypedName> types, List<TypedName> constants,
            Map<String, List<TypedName>> predicates, List<String> functions, List<ActionSchema> actions) {
        public Domain {
            requirements = List.copyOf(requirements);
            types = List.copyOf(types);
            constants = List.copyOf(constants);
            predicates = Map.copyOf(predicates);
            functions = List.copyOf(functions);
            actions = List.copyOf(actions);
        }
    }

    public record ActionSchema(String name, List<TypedName> parameters, Condition precondition, Effect effect) {
        public ActionSchema {
            parameters = List.copyOf(parameters);
        }
    }

    /** A problem: objects, the initial atoms (numeric fluents are dropped: the game never shows them), the goal. */
    public record Problem(String name, String domainName, List<TypedName> objects, List<Condition.Atom> init,
            Condition goal) {
        public Problem {
            objects = List.copyOf(objects);
            init = List.copyOf(init);
        }
    }

    /** A logical formula. Arguments are variables ({@code ?x}) or object names. */
    public sealed interface Condition {
        /** An atom; the predicate {@code =} is equality. */
        record Atom(String predicate, List<String> args) implements Condition {
            public Atom {
                args = List.copyOf(args);
            }

            @Override
            public String toString() {
                return "(" + predicate + (args.isEmpty() ? "" : " " + String.join(" ", args)) + ")";
            }
        }

        record Not(Condition part) implements Condition {}

        record And(List<Condition> parts) implements Condition {
            public And {
                parts = List.copyOf(parts);
            }
        }

        record Or(List<Condition> parts) implements Condition {
            public Or {
                parts = List.copyOf(parts);
            }
        }

        record Imply(Condition premise, Condition conclusion) implements Condition {}

        record Exists(List<TypedName> variables, Condition body) implements Condition {
            public Exists {
                variables = List.copyOf(variables);
            }
        }

        record Forall(List<TypedName> variables, Condition body) implements Condition {
            public Forall {
                variables = List.copyOf(variables);
            }
        }
    }

    /** An action's effect. */
    public sealed interface Effect {
        record Literal(Condition.Atom atom, boolean positive) implements Effect {}

        record All(List<Effect> parts) implements Effect {
            public All {
                parts = List.copyOf(parts);
            }
        }

        record When(Condition condition, Effect effect) implements Effect {}

        record Forall(List<TypedName> variables, Effect effect) implements Effect {
            public Forall {
                variables = List.copyOf(variables);
            }
        }

        /** A numeric effect such as {@code (increase (total-cost) 1)}: parsed, then ignored (costs are invisible). */
        record Numeric(String operation, String function) implements Effect {}
    }
}
