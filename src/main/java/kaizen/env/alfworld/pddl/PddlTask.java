package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kaizen.core.BadInputException;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.Domain;
import kaizen.env.alfworld.pddl.Pddl.Problem;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/**
 * An ALFWorld game's logic: its PDDL domain and problem parsed and compiled, ready to play from
 * {@link #initialState()}. Immutable; one task can serve many episodes (each plays its own state).
 */
public final class PddlTask {
    private final Vocabulary vocabulary;
    private final Operators operators;
    private final Query goal;
    private final List<Fact> init;
    private final Map<String, Entity> entities;

    private PddlTask(Vocabulary vocabulary, Operators operators, Query goal, List<Fact> init,
            Map<String, Entity> entities) {
        this.vocabulary = vocabulary;
        this.operators = operators;
        this.goal = goal;
        this.init = List.copyOf(init);
        this.entities = entities;
    }

    /** Parses and compiles the game file's domain and problem. */
    public static PddlTask load(GameFile game) {
        PddlSource domainSource = new PddlSource(game.path(), "pddl_domain");
        PddlSource problemSource = new PddlSource(game.path(), "pddl_problem");
        Domain domain = PddlParser.parseDomain(game.pddlDomain(), domainSource);
        Problem problem = PddlParser.parseProblem(game.pddlProblem(), domain, problemSource);
        return compile(domain, problem, problemSource);
    }

    static PddlTask compile(Domain domain, Problem problem, PddlSource source) {
        List<TypedName> objects = new ArrayList<>(domain.constants());
        objects.addAll(problem.objects());
        Set<String> seen = new HashSet<>();
        for (TypedName object : objects) {
            if (!seen.add(object.name())) throw source.error(0, "object " + object.name() + " is declared twice");
        }
        Vocabulary vocabulary = new Vocabulary(List.copyOf(domain.predicates().keySet()), domain.types(), objects);
        for (TypedName object : objects) {
            if (!vocabulary.isDeclaredType(object.type())) {
                throw source.error(0, "object " + object.name() + " has undeclared type " + object.type());
            }
        }
        try {
            List<Fact> init = new ArrayList<>();
            for (Condition.Atom atom : problem.init()) {
                int[] args = new int[atom.args().size()];
                for (int i = 0; i < args.length; i++) {
                    if (!vocabulary.isObject(atom.args().get(i))) {
                        throw source.error(0, "initial fact " + atom + " names undeclared object " + atom.args().get(i));
                    }
                    args[i] = vocabulary.object(atom.args().get(i));
                }
                init.add(new Fact(vocabulary.predicate(atom.predicate()), args));
            }
            Operators operators = Operators.compile(domain.actions(), vocabulary);
            Query goal = Query.compile(problem.goal(), List.of(), vocabulary);
            return new PddlTask(vocabulary, operators, goal, init, entities(init, vocabulary));
        } catch (IllegalArgumentException e) {
            throw source.error(0, e.getMessage());
        }
    }

    /** Every object some initial fact names (the reference's entity infos), by id in sorted order. */
    private static Map<String, Entity> entities(List<Fact> init, Vocabulary vocabulary) {
        List<String> ids = new ArrayList<>();
        for (Fact fact : init) {
            for (int i = 0; i < fact.arity(); i++) ids.add(vocabulary.objectName(fact.arg(i)));
        }
        Map<String, String> names = Demangler.names(ids);
        Map<String, Entity> entities = new LinkedHashMap<>();
        names.forEach((id, name) -> entities.put(id, Entity.of(id, vocabulary.objectType(vocabulary.object(id)), name)));
        return java.util.Collections.unmodifiableMap(entities);
    }

    /** The entities (objects the text can name), keyed by id in sorted id order. */
    public Map<String, Entity> entities() {
        return entities;
    }

    public Optional<Entity> entity(String id) {
        return Optional.ofNullable(entities.get(id));
    }

    /** A fresh state at the problem's initial situation. */
    public PddlState initialState() {
        return new PddlState(this, new FactStore(vocabulary.predicateCount(), init), new TextFacts(vocabulary, init));
    }

    Operators operators() {
        return operators;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    Query goal() {
        return goal;
    }
}
