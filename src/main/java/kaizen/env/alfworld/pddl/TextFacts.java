package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The facts the reference's text generation sees — textworld's Python-side state of the PDDL
 * environment, which is not the planner's state:
 * <ul>
 * <li>it starts as every atom of the problem's {@code :init} (static ones too);</li>
 * <li>each applied operator then replays ALL effects of its translated (SAS) operator in order, the
 *     conditional ones whatever their condition: a positive effect {@code p} removes
 *     {@code not_p} and adds {@code p}; a negative one removes {@code p} and adds {@code not_p}.</li>
 * </ul>
 * So {@code not_p} facts exist only for atoms some action deleted (never for atoms that were simply
 * never true), which is what the grammar's {@code not_inreceptacle(o, r)} conditions test.
 * Facts of a predicate are listed as textworld's query engine visits them: sorted by argument ids.
 */
public final class TextFacts {
    private static final String NEGATION = "not_";

    private final Vocabulary vocabulary;
    private final Map<Integer, TreeSet<Fact>> positive = new HashMap<>();
    private final Map<Integer, TreeSet<Fact>> negative = new HashMap<>();
    private final Comparator<Fact> byArguments;

    TextFacts(Vocabulary vocabulary, List<Fact> initial) {
        this.vocabulary = vocabulary;
        this.byArguments = (a, b) -> {
            for (int i = 0; i < Math.min(a.arity(), b.arity()); i++) {
                int c = vocabulary.objectName(a.arg(i)).compareTo(vocabulary.objectName(b.arg(i)));
                if (c != 0) return c;
            }
            return Integer.compare(a.arity(), b.arity());
        };
        initial.forEach(f -> set(f, true));
    }

    TextFacts(TextFacts other) {
        this.vocabulary = other.vocabulary;
        this.byArguments = other.byArguments;
        other.positive.forEach((p, facts) -> positive.put(p, new TreeSet<>(facts)));
        other.negative.forEach((p, facts) -> negative.put(p, new TreeSet<>(facts)));
    }

    void set(Fact fact, boolean truth) {
        TreeSet<Fact> opposite = (truth ? negative : positive).get(fact.predicate);
        if (opposite != null) opposite.remove(fact);
        (truth ? positive : negative).computeIfAbsent(fact.predicate, p -> new TreeSet<>(byArguments)).add(fact);
    }

    private static final TreeSet<Fact> EMPTY = new TreeSet<>();

    /** Whether the fact is present; {@code predicate} may carry the {@code not_} prefix. */
    public boolean holds(String predicate, List<String> argumentIds) {
        TreeSet<Fact> facts = facts(predicate);
        if (facts.isEmpty()) return false;
        int[] args = new int[argumentIds.size()];
        for (int i = 0; i < args.length; i++) {
            if (!vocabulary.isObject(argumentIds.get(i))) return false;
            args[i] = vocabulary.object(argumentIds.get(i));
        }
        return facts.contains(new Fact(facts.first().predicate, args));
    }

    /** The argument ids of every present fact of {@code predicate} ({@code not_} allowed), in reference order. */
    public List<List<String>> withPredicate(String predicate) {
        List<List<String>> result = new ArrayList<>();
        for (Fact fact : facts(predicate)) {
            List<String> args = new ArrayList<>(fact.arity());
            for (int i = 0; i < fact.arity(); i++) args.add(vocabulary.objectName(fact.arg(i)));
            result.add(List.copyOf(args));
        }
        return List.copyOf(result);
    }

    private TreeSet<Fact> facts(String predicate) {
        boolean negated = predicate.startsWith(NEGATION);
        String name = negated ? predicate.substring(NEGATION.length()) : predicate;
        int id;
        try {
            id = vocabulary.predicate(name);
        } catch (IllegalArgumentException unknown) {
            return EMPTY;
        }
        if (id == Vocabulary.EQUALITY) return EMPTY;
        return (negated ? negative : positive).getOrDefault(id, EMPTY);
    }
}
