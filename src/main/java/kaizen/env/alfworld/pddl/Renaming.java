package kaizen.env.alfworld.pddl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/** Substitutes free variables of a condition (quantifiers shadow what they bind). */
final class Renaming {
    private Renaming() {}

    static Condition apply(Condition condition, Map<String, String> renaming) {
        if (renaming.isEmpty()) return condition;
        return switch (condition) {
            case Condition.Atom atom -> new Condition.Atom(atom.predicate(),
                    atom.args().stream().map(a -> renaming.getOrDefault(a, a)).toList());
            case Condition.Not not -> new Condition.Not(apply(not.part(), renaming));
            case Condition.And and -> new Condition.And(and.parts().stream().map(p -> apply(p, renaming)).toList());
            case Condition.Or or -> new Condition.Or(or.parts().stream().map(p -> apply(p, renaming)).toList());
            case Condition.Imply imply -> new Condition.Imply(apply(imply.premise(), renaming),
                    apply(imply.conclusion(), renaming));
            case Condition.Exists exists -> new Condition.Exists(exists.variables(),
                    apply(exists.body(), without(renaming, exists.variables())));
            case Condition.Forall forall -> new Condition.Forall(forall.variables(),
                    apply(forall.body(), without(renaming, forall.variables())));
        };
    }

    private static Map<String, String> without(Map<String, String> renaming, List<TypedName> bound) {
        Map<String, String> inner = new HashMap<>(renaming);
        bound.forEach(v -> inner.remove(v.name()));
        return inner;
    }
}
