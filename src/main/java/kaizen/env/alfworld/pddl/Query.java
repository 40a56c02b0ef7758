package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/**
 * A condition compiled for evaluation against a {@link FactStore}: its disjuncts (Fast Downward
 * multiplies formulas out the same way), each a join over the true atoms. Variables are slots; the
 * first {@link #scopeSize} slots are the caller's (action parameters, say), the rest are existential.
 * Bindings are found by joining positive literals, most selective first, through the store's
 * indexes; negative literals, equalities and universally quantified parts are checked last.
 */
final class Query {

    /** A literal; a term {@code >= 0} is a slot, {@code < 0} is the constant object {@code -(term + 1)}. */
    record Literal(int predicate, int[] terms, boolean positive) {
        int value(int position, int[] binding) {
            int term = terms[position];
            return term >= 0 ? binding[term] : -(term + 1);
        }

        Fact ground(int[] binding) {
            int[] args = new int[terms.length];
            for (int i = 0; i < terms.length; i++) args[i] = value(i, binding);
            return new Fact(predicate, args);
        }
    }

    /** One disjunct: slot types, literals to join, literals to check, universals (each an inner query that must fail). */
    record Disjunct(int slotCount, String[] slotTypes, BitSet[] slotMembers, Literal[] joins, Literal[] checks,
            Query[] universals) {}

    /** Receives each binding found; returning true stops the search. */
    interface Solutions {
        boolean accept(int disjunct, int[] binding);
    }

    final int scopeSize;
    final List<Disjunct> disjuncts;
    private final Vocabulary vocabulary;

    private Query(int scopeSize, List<Disjunct> disjuncts, Vocabulary vocabulary) {
        this.scopeSize = scopeSize;
        this.disjuncts = List.copyOf(disjuncts);
        this.vocabulary = vocabulary;
    }

    static Query compile(Pddl.Condition condition, List<TypedName> scope, Vocabulary vocabulary) {
        return compile(Nnf.of(condition), scope, vocabulary);
    }

    static Query compile(Nnf condition, List<TypedName> scope, Vocabulary vocabulary) {
        List<Disjunct> disjuncts = new ArrayList<>();
        for (Nnf.Conjunct conjunct : Nnf.disjuncts(condition)) {
            List<TypedName> slots = new ArrayList<>(scope);
            slots.addAll(conjunct.variables());
            Map<String, Integer> slotOf = new HashMap<>();
            for (int i = 0; i < slots.size(); i++) slotOf.put(slots.get(i).name(), i);
            List<Literal> joins = new ArrayList<>();
            List<Literal> checks = new ArrayList<>();
            for (Nnf.Lit lit : conjunct.literals()) {
                Literal literal = literal(lit, slotOf, vocabulary);
                (lit.positive() && literal.predicate() != Vocabulary.EQUALITY ? joins : checks).add(literal);
            }
            Query[] universals = conjunct.universals().stream()
                    .map(u -> universal(u, slots, vocabulary))
                    .toArray(Query[]::new);
            String[] types = slots.stream().map(TypedName::type).toArray(String[]::new);
            BitSet[] members = Arrays.stream(types).map(vocabulary::members).toArray(BitSet[]::new);
            disjuncts.add(new Disjunct(slots.size(), types, members, joins.toArray(Literal[]::new),
                    checks.toArray(Literal[]::new), universals));
        }
        return new Query(scope.size(), disjuncts, vocabulary);
    }

    /** forall vs: body holds iff (exists vs: not body) has no solution, with the outer slots bound. */
    private static Query universal(Nnf.Forall forall, List<TypedName> outer, Vocabulary vocabulary) {
        List<TypedName> scope = new ArrayList<>(outer);
        scope.addAll(forall.variables());
        return compile(Nnf.negate(forall.body()), scope, vocabulary);
    }

    private static Literal literal(Nnf.Lit lit, Map<String, Integer> slotOf, Vocabulary vocabulary) {
        int[] terms = new int[lit.args().size()];
        for (int i = 0; i < terms.length; i++) {
            String arg = lit.args().get(i);
            Integer slot = slotOf.get(arg);
            if (slot != null) {
                terms[i] = slot;
            } else if (arg.startsWith("?")) {
                throw new IllegalArgumentException("free variable " + arg + " in " + lit.predicate());
            } else {
                terms[i] = -(vocabulary.object(arg) + 1);
            }
        }
        return new Literal(vocabulary.predicate(lit.predicate()), terms, lit.positive());
    }

    /** Whether some binding extends {@code initial} (length {@link #scopeSize}, -1 = unbound). */
    boolean holds(FactStore store, int[] initial) {
        return solve(store, initial, (d, b) -> true);
    }

    /** Feeds every binding extending {@code initial} to {@code solutions}; true if they stopped the search. */
    boolean solve(FactStore store, int[] initial, Solutions solutions) {
        for (int d = 0; d < disjuncts.size(); d++) {
            Disjunct disjunct = disjuncts.get(d);
            int[] binding = new int[disjunct.slotCount()];
            Arrays.fill(binding, -1);
            boolean typed = true;
            for (int i = 0; i < scopeSize; i++) {
                binding[i] = initial[i];
                if (initial[i] >= 0 && !isMember(disjunct, i, initial[i])) typed = false;
            }
            if (typed && new Search(store, disjunct, d, solutions).join(binding, 0)) return true;
        }
        return false;
    }

    private static boolean isMember(Disjunct disjunct, int slot, int object) {
        return object != Vocabulary.UNKNOWN_OBJECT && disjunct.slotMembers()[slot].get(object);
    }

    private final class Search {
        private final FactStore store;
        private final Disjunct disjunct;
        private final int index;
        private final Solutions solutions;

        Search(FactStore store, Disjunct disjunct, int index, Solutions solutions) {
            this.store = store;
            this.disjunct = disjunct;
            this.index = index;
            this.solutions = solutions;
        }

        /** Joins the positive literals not yet used (bit set in {@code used}), the most selective first. */
        boolean join(int[] binding, long used) {
            Literal[] joins = disjunct.joins();
            if (Long.bitCount(used) == joins.length) return enumerateFree(binding, 0);
            int best = -1;
            Set<Fact> bestCandidates = null;
            for (int i = 0; i < joins.length; i++) {
                if ((used & (1L << i)) != 0) continue;
                Set<Fact> candidates = candidates(joins[i], binding);
                if (candidates.isEmpty()) return false;
                if (best < 0 || candidates.size() < bestCandidates.size()) {
                    best = i;
                    bestCandidates = candidates;
                }
            }
            Literal literal = joins[best];
            int[] newlyBound = new int[literal.terms().length];
            for (Fact fact : bestCandidates) {
                int bound = bind(literal, fact, binding, newlyBound);
                if (bound >= 0 && join(binding, used | (1L << best))) return true;
                for (int i = 0; i < (bound >= 0 ? bound : -bound - 1); i++) binding[newlyBound[i]] = -1;
            }
            return false;
        }

        private Set<Fact> candidates(Literal literal, int[] binding) {
            Set<Fact> smallest = null;
            boolean allBound = true;
            for (int i = 0; i < literal.terms().length; i++) {
                int value = literal.value(i, binding);
                if (value < 0) {
                    allBound = false;
                    continue;
                }
                Set<Fact> indexed = store.withArgument(literal.predicate(), i, value);
                if (smallest == null || indexed.size() < smallest.size()) smallest = indexed;
            }
            if (allBound) {
                Fact fact = literal.ground(binding);
                return store.contains(fact) ? Set.of(fact) : Set.of();
            }
            return smallest != null ? smallest : store.withPredicate(literal.predicate());
        }

        /**
         * Binds the literal's unbound slots to the fact's arguments. Returns how many slots it bound
         * (listed in {@code newlyBound}) or, when the fact does not fit, {@code -(bound + 1)} so the
         * caller can undo the partial binding.
         */
        private int bind(Literal literal, Fact fact, int[] binding, int[] newlyBound) {
            int bound = 0;
            for (int i = 0; i < literal.terms().length; i++) {
                int term = literal.terms()[i];
                int value = term >= 0 ? binding[term] : -(term + 1);
                if (value >= 0) {
                    if (value != fact.arg(i)) return -(bound + 1);
                } else if (isMember(disjunct, term, fact.arg(i))) {
                    binding[term] = fact.arg(i);
                    newlyBound[bound++] = term;
                } else {
                    return -(bound + 1);
                }
            }
            return bound;
        }

        /** Slots no positive literal bound range over their type's objects. */
        private boolean enumerateFree(int[] binding, int from) {
            int slot = from;
            while (slot < binding.length && binding[slot] >= 0) slot++;
            if (slot == binding.length) return checksHold(binding) && solutions.accept(index, binding);
            for (int object : vocabulary.instances(disjunct.slotTypes()[slot])) {
                binding[slot] = object;
                if (enumerateFree(binding, slot + 1)) {
                    binding[slot] = -1;
                    return true;
                }
            }
            binding[slot] = -1;
            return false;
        }

        private boolean checksHold(int[] binding) {
            for (Literal check : disjunct.checks()) {
                boolean truth = check.predicate() == Vocabulary.EQUALITY
                        ? check.value(0, binding) == check.value(1, binding)
                        : store.contains(check.ground(binding));
                if (truth != check.positive()) return false;
            }
            for (Query universal : disjunct.universals()) {
                int[] outer = Arrays.copyOf(binding, universal.scopeSize);
                Arrays.fill(outer, binding.length, outer.length, -1);
                if (universal.holds(store, outer)) return false;
            }
            return true;
        }
    }
}
