package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The atoms true in a state, indexed by predicate and by (predicate, argument position, object). */
final class FactStore {
    private final Set<Fact> facts = new java.util.HashSet<>();
    private final List<Set<Fact>> byPredicate;
    private final Map<Long, Set<Fact>> byArgument = new HashMap<>();

    FactStore(int predicateCount, Collection<Fact> initial) {
        byPredicate = new ArrayList<>(predicateCount);
        for (int i = 0; i < predicateCount; i++) byPredicate.add(new LinkedHashSet<>());
        initial.forEach(this::add);
    }

    boolean contains(Fact fact) {
        return facts.contains(fact);
    }

    Set<Fact> withPredicate(int predicate) {
        return byPredicate.get(predicate);
    }

    /** The facts of a predicate whose argument at {@code position} is {@code object}. */
    Set<Fact> withArgument(int predicate, int position, int object) {
        return byArgument.getOrDefault(key(predicate, position, object), Set.of());
    }

    void add(Fact fact) {
        if (!facts.add(fact)) return;
        byPredicate.get(fact.predicate).add(fact);
        for (int i = 0; i < fact.arity(); i++) {
            byArgument.computeIfAbsent(key(fact.predicate, i, fact.arg(i)), k -> new LinkedHashSet<>()).add(fact);
        }
    }

    void remove(Fact fact) {
        if (!facts.remove(fact)) return;
        byPredicate.get(fact.predicate).remove(fact);
        for (int i = 0; i < fact.arity(); i++) {
            Set<Fact> indexed = byArgument.get(key(fact.predicate, i, fact.arg(i)));
            if (indexed != null) indexed.remove(fact);
        }
    }

    private static long key(int predicate, int position, int object) {
        return ((long) predicate << 40) | ((long) position << 32) | (object & 0xffffffffL);
    }
}
