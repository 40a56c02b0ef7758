package kaizen.env.alfworld.pddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.TypedName;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties of the parser and of condition evaluation over random formulas: printing a formula
 * with any letter case, spacing and comments parses back to it; the compiled join finds a binding
 * exactly when a direct reading of the formula (quantifiers over the objects of their type) holds.
 */
class PddlPropertiesTest {
    private static final List<String> OBJECTS = List.of("a", "b", "c", "d");
    private static final Map<String, String> TYPE_OF = Map.of("a", "t", "b", "t", "c", "u", "d", "u");
    private static final String DOMAIN = """
            (define (domain props) (:requirements :adl :typing)
             (:types t - object u - t)
             (:predicates (p ?x - object) (q ?x - object ?y - object) (r)))
            """;
    private static final PddlSource SOURCE = new PddlSource(Path.of("props.pddl"), "pddl");

    @Property(tries = 300)
    void printedFormulasParseBackWhateverTheCaseSpacingAndComments(@ForAll long seed) {
        Random random = new Random(seed);
        Condition formula = formula(random, 3, List.of());
        String text = print(formula, random);
        Pddl.Domain domain = PddlParser.parseDomain(DOMAIN, SOURCE);
        Pddl.Problem problem = PddlParser.parseProblem(problemText(List.of(), text), domain, SOURCE);
        assertEquals(formula, problem.goal(), text);
    }

    @Property(tries = 500)
    void compiledGoalHoldsExactlyWhenTheFormulaIsTrue(@ForAll long seed) {
        Random random = new Random(seed);
        Condition formula = formula(random, 3, List.of());
        Set<String> facts = new HashSet<>();
        for (String x : OBJECTS) {
            if (random.nextInt(3) == 0) facts.add("p " + x);
            for (String y : OBJECTS) if (random.nextInt(5) == 0) facts.add("q " + x + " " + y);
        }
        if (random.nextBoolean()) facts.add("r");
        Pddl.Domain domain = PddlParser.parseDomain(DOMAIN, SOURCE);
        Pddl.Problem problem = PddlParser.parseProblem(problemText(facts, print(formula, random)), domain, SOURCE);
        PddlState state = PddlTask.compile(domain, problem, SOURCE).initialState();
        assertEquals(truth(formula, Map.of(), facts), state.goalReached(), () -> formula + " on " + facts);
    }

    private static String problemText(Iterable<String> facts, String goal) {
        StringBuilder init = new StringBuilder();
        facts.forEach(f -> init.append(" (").append(f).append(')'));
        return "(define (problem x) (:domain props) (:objects a b - t c d - u) (:init" + init + ")\n(:goal " + goal
                + "))";
    }

    private static Condition formula(Random random, int depth, List<String> variables) {
        int kind = depth == 0 ? random.nextInt(2) : random.nextInt(9);
        return switch (kind) {
            case 0, 1 -> atom(random, variables);
            case 2 -> new Condition.Not(formula(random, depth - 1, variables));
            case 3 -> new Condition.And(parts(random, depth, variables));
            case 4 -> new Condition.Or(parts(random, depth, variables));
            case 5 -> new Condition.Imply(formula(random, depth - 1, variables), formula(random, depth - 1, variables));
            case 6, 7, 8 -> {
                String name = "?v" + variables.size();
                String type = List.of("object", "t", "u").get(random.nextInt(3));
                List<String> inner = new ArrayList<>(variables);
                inner.add(name);
                List<TypedName> bound = List.of(new TypedName(name, type));
                Condition body = formula(random, depth - 1, inner);
                yield kind == 8 ? new Condition.Forall(bound, body) : new Condition.Exists(bound, body);
            }
            default -> throw new IllegalStateException();
        };
    }

    private static List<Condition> parts(Random random, int depth, List<String> variables) {
        List<Condition> parts = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) parts.add(formula(random, depth - 1, variables));
        return parts;
    }

    private static Condition atom(Random random, List<String> variables) {
        int kind = random.nextInt(4);
        if (kind == 0) return new Condition.Atom("r", List.of());
        int arity = kind == 1 ? 1 : 2;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
            args.add(!variables.isEmpty() && random.nextInt(3) > 0 ? variables.get(random.nextInt(variables.size()))
                    : OBJECTS.get(random.nextInt(OBJECTS.size())));
        }
        return new Condition.Atom(kind == 1 ? "p" : kind == 2 ? "q" : "=", args);
    }

    /** PDDL text of the formula in random letter case, with random spaces, newlines and comments. */
    private static String print(Condition c, Random random) {
        String text = switch (c) {
            case Condition.Atom atom -> "(" + atom.predicate() + (atom.args().isEmpty() ? "" : " ")
                    + String.join(gap(random), atom.args()) + ")";
            case Condition.Not not -> "(not" + gap(random) + print(not.part(), random) + ")";
            case Condition.And and -> "(and" + gap(random) + joined(and.parts(), random) + ")";
            case Condition.Or or -> "(or" + gap(random) + joined(or.parts(), random) + ")";
            case Condition.Imply imply -> "(imply " + print(imply.premise(), random) + gap(random)
                    + print(imply.conclusion(), random) + ")";
            case Condition.Exists exists -> "(exists (" + typed(exists.variables()) + ")" + gap(random)
                    + print(exists.body(), random) + ")";
            case Condition.Forall forall -> "(forall (" + typed(forall.variables()) + ")" + gap(random)
                    + print(forall.body(), random) + ")";
        };
        StringBuilder cased = new StringBuilder();
        for (char ch : text.toCharArray()) cased.append(random.nextBoolean() ? ch : Character.toUpperCase(ch));
        return cased.toString();
    }

    private static String joined(List<Condition> parts, Random random) {
        List<String> printed = new ArrayList<>();
        parts.forEach(p -> printed.add(print(p, random)));
        return String.join(gap(random), printed);
    }

    private static String typed(List<TypedName> names) {
        return String.join(" ", names.stream().map(n -> n.name() + " - " + n.type()).toList());
    }

    private static String gap(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "  ";
            case 1 -> " ; a comment (with parentheses\n ";
            case 2 -> "\n\t";
            default -> " ";
        };
    }

    /** Direct reading: quantifiers range over the objects of their type (u is a subtype of t). */
    private static boolean truth(Condition c, Map<String, String> env, Set<String> facts) {
        return switch (c) {
            case Condition.Atom atom -> {
                List<String> args = atom.args().stream().map(a -> env.getOrDefault(a, a)).toList();
                yield atom.predicate().equals("=") ? args.get(0).equals(args.get(1))
                        : facts.contains((atom.predicate() + " " + String.join(" ", args)).trim());
            }
            case Condition.Not not -> !truth(not.part(), env, facts);
            case Condition.And and -> and.parts().stream().allMatch(p -> truth(p, env, facts));
            case Condition.Or or -> or.parts().stream().anyMatch(p -> truth(p, env, facts));
            case Condition.Imply imply -> !truth(imply.premise(), env, facts) || truth(imply.conclusion(), env, facts);
            case Condition.Exists exists -> instances(exists.variables().getFirst().type()).stream()
                    .anyMatch(o -> truth(exists.body(), with(env, exists.variables().getFirst().name(), o), facts));
            case Condition.Forall forall -> instances(forall.variables().getFirst().type()).stream()
                    .allMatch(o -> truth(forall.body(), with(env, forall.variables().getFirst().name(), o), facts));
        };
    }

    private static List<String> instances(String type) {
        return OBJECTS.stream().filter(o -> type.equals("object") || type.equals("t") || TYPE_OF.get(o).equals(type))
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> inner = new HashMap<>(env);
        inner.put(name, value);
        return inner;
    }
}
