package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/**
 * A condition in negation normal form with every quantified variable renamed apart, so that it
 * can be multiplied out into disjuncts (as Fast Downward's normaliser does) without capture.
 */
sealed interface Nnf {
    record Lit(String predicate, List<String> args, boolean positive) implements Nnf {}

    record And(List<Nnf> parts) implements Nnf {}

    record Or(List<Nnf> parts) implements Nnf {}

    record Exists(List<TypedName> variables, Nnf body) implements Nnf {}

    record Forall(List<TypedName> variables, Nnf body) implements Nnf {}

    /** One disjunct: existential variables, literals and universally quantified parts left to check. */
    record Conjunct(List<TypedName> variables, List<Lit> literals, List<Forall> universals) {
        Conjunct join(Conjunct other) {
            return new Conjunct(concat(variables, other.variables), concat(literals, other.literals),
                    concat(universals, other.universals));
        }

        private static <T> List<T> concat(List<T> a, List<T> b) {
            List<T> result = new ArrayList<>(a);
            result.addAll(b);
            return result;
        }
    }

    static Nnf of(Condition condition) {
        return convert(condition, false, Map.of(), new int[] {0});
    }

    private static Nnf convert(Condition c, boolean negated, Map<String, String> renaming, int[] counter) {
        return switch (c) {
            case Condition.Atom atom -> new Lit(atom.predicate(),
                    atom.args().stream().map(a -> renaming.getOrDefault(a, a)).toList(), !negated);
            case Condition.Not not -> convert(not.part(), !negated, renaming, counter);
            case Condition.And and -> junction(and.parts(), negated, renaming, counter, !negated);
            case Condition.Or or -> junction(or.parts(), negated, renaming, counter, negated);
            case Condition.Imply imply -> convert(new Condition.Or(List.of(new Condition.Not(imply.premise()),
                    imply.conclusion())), negated, renaming, counter);
            case Condition.Exists exists -> quantifier(exists.variables(), exists.body(), negated, renaming, counter,
                    !negated);
            case Condition.Forall forall -> quantifier(forall.variables(), forall.body(), negated, renaming,
                    counter, negated);
        };
    }

    private static Nnf junction(List<Condition> parts, boolean negated, Map<String, String> renaming,
            int[] counter, boolean conjunctive) {
        List<Nnf> converted = parts.stream().map(p -> convert(p, negated, renaming, counter)).toList();
        return conjunctive ? new And(converted) : new Or(converted);
    }

    private static Nnf quantifier(List<TypedName> variables, Condition body, boolean negated,
            Map<String, String> renaming, int[] counter, boolean existential) {
        Map<String, String> inner = new HashMap<>(renaming);
        List<TypedName> renamed = new ArrayList<>();
        for (TypedName v : variables) {
            String fresh = v.name() + "#" + counter[0]++;
            inner.put(v.name(), fresh);
            renamed.add(new TypedName(fresh, v.type()));
        }
        Nnf converted = convert(body, negated, inner, counter);
        return existential ? new Exists(renamed, converted) : new Forall(renamed, converted);
    }

    /** The negation, still in negation normal form (variables stay renamed apart). */
    static Nnf negate(Nnf n) {
        return switch (n) {
            case Lit lit -> new Lit(lit.predicate(), lit.args(), !lit.positive());
            case And and -> new Or(and.parts().stream().map(Nnf::negate).toList());
            case Or or -> new And(or.parts().stream().map(Nnf::negate).toList());
            case Exists exists -> new Forall(exists.variables(), negate(exists.body()));
            case Forall forall -> new Exists(forall.variables(), negate(forall.body()));
        };
    }

    /** Multiplies out into disjuncts, in the order the formula lists its alternatives. */
    static List<Conjunct> disjuncts(Nnf n) {
        return switch (n) {
            case Lit lit -> List.of(new Conjunct(List.of(), List.of(lit), List.of()));
            case Or or -> {
                List<Conjunct> result = new ArrayList<>();
                or.parts().forEach(p -> result.addAll(disjuncts(p)));
                yield result;
            }
            case And and -> {
                List<Conjunct> result = List.of(new Conjunct(List.of(), List.of(), List.of()));
                for (Nnf part : and.parts()) {
                    List<Conjunct> next = new ArrayList<>();
                    for (Conjunct left : result) {
                        for (Conjunct right : disjuncts(part)) next.add(left.join(right));
                    }
                    result = next;
                }
                yield result;
            }
            case Exists exists -> disjuncts(exists.body()).stream()
                    .map(d -> new Conjunct(exists.variables(), List.of(), List.of()).join(d))
                    .toList();
            case Forall forall -> List.of(new Conjunct(List.of(), List.of(), List.of(forall)));
        };
    }
}
