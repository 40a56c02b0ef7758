package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.alfworld.pddl.Pddl.ActionSchema;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.Effect;
import kaizen.env.alfworld.pddl.Pddl.TypedName;

/**
 * The domain's actions compiled against one problem: finds the applicable ground actions of a state
 * and applies them. Which ground actions exist follows Fast Downward's translation as textworld
 * runs it (no invariant synthesis, so every atom is its own binary variable): a disjunctive
 * precondition yields one operator per disjunct, all of the same name; an operator whose every
 * effect would leave its variable as the precondition already fixes it is a no-op and is dropped
 * ({@code go to} the receptacle the agent is already at does not exist).
 */
final class Operators {

    record Schema(String name, List<TypedName> parameters, List<String> parameterNames,
            List<String> parameterTypes, Query precondition, List<EffectTemplate> effects) {}

    /** One literal effect, under its forall variables (slots after the parameters) and condition. */
    record EffectTemplate(List<TypedName> forallVariables, Query condition, Query.Literal atom, boolean positive) {}

    /** One effect of a translated operator, as textworld replays it on its text facts. */
    record TextEffect(Fact atom, boolean positive) {}

    private record GroundEffect(Fact atom, boolean positive, Map<Fact, Boolean> conditions, boolean opaque) {}

    private final Vocabulary vocabulary;
    private final List<Schema> schemas;
    private final boolean[] fluent;

    private Operators(Vocabulary vocabulary, List<Schema> schemas, boolean[] fluent) {
        this.vocabulary = vocabulary;
        this.schemas = List.copyOf(schemas);
        this.fluent = fluent;
    }

    static Operators compile(List<ActionSchema> actions, Vocabulary vocabulary) {
        boolean[] fluent = new boolean[vocabulary.predicateCount()];
        List<Schema> schemas = new ArrayList<>();
        for (ActionSchema action : actions) {
            List<EffectTemplate> effects = new ArrayList<>();
            flatten(action.effect(), action.parameters(), List.of(), List.of(), new HashMap<>(), new int[] {0},
                    vocabulary, effects);
            effects.forEach(e -> fluent[e.atom().predicate()] = true);
            Query precondition = Query.compile(action.precondition(), action.parameters(), vocabulary);
            schemas.add(new Schema(action.name(), action.parameters(),
                    action.parameters().stream().map(p -> p.name().substring(1)).toList(),
                    action.parameters().stream().map(TypedName::type).toList(), precondition, effects));
        }
        return new Operators(vocabulary, schemas, fluent);
    }

    private static void flatten(Effect effect, List<TypedName> parameters, List<TypedName> forall,
            List<Condition> conditions, Map<String, String> renaming, int[] counter, Vocabulary vocabulary,
            List<EffectTemplate> out) {
        switch (effect) {
            case Effect.All all -> all.parts().forEach(
                    p -> flatten(p, parameters, forall, conditions, renaming, counter, vocabulary, out));
            case Effect.When when -> {
                List<Condition> more = new ArrayList<>(conditions);
                more.add(Renaming.apply(when.condition(), renaming));
                flatten(when.effect(), parameters, forall, more, renaming, counter, vocabulary, out);
            }
            case Effect.Forall quantified -> {
                Map<String, String> inner = new HashMap<>(renaming);
                List<TypedName> variables = new ArrayList<>(forall);
                for (TypedName v : quantified.variables()) {
                    String fresh = v.name() + "#e" + counter[0]++;
                    inner.put(v.name(), fresh);
                    variables.add(new TypedName(fresh, v.type()));
                }
                flatten(quantified.effect(), parameters, variables, conditions, inner, counter, vocabulary, out);
            }
            case Effect.Literal literal -> {
                List<TypedName> scope = new ArrayList<>(parameters);
                scope.addAll(forall);
                Condition.Atom atom = (Condition.Atom) Renaming.apply(literal.atom(), renaming);
                if (atom.predicate().equals("=")) throw new IllegalArgumentException("an effect cannot set (=)");
                Query condition = Query.compile(new Condition.And(conditions), scope, vocabulary);
                Query.Literal compiled = Query.compile(atom, scope, vocabulary).disjuncts.get(0).joins()[0];
                out.add(new EffectTemplate(forall, condition, compiled, literal.positive()));
            }
            case Effect.Numeric ignored -> { }
        }
    }

    /** The applicable ground actions, one per operator name, schemas in domain order. */
    List<GroundAction> applicable(FactStore store) {
        List<GroundAction> result = new ArrayList<>();
        for (Schema schema : schemas) {
            int parameters = schema.parameters().size();
            int[] unbound = new int[parameters];
            Arrays.fill(unbound, -1);
            Map<List<Integer>, GroundAction> found = new LinkedHashMap<>();
            schema.precondition().solve(store, unbound, (disjunct, binding) -> {
                int[] arguments = Arrays.copyOf(binding, parameters);
                List<Integer> key = Arrays.stream(arguments).boxed().toList();
                if (found.containsKey(key)) return false;
                Map<Fact, Boolean> precondition = fluentLiterals(schema.precondition().disjuncts.get(disjunct), binding);
                List<TextEffect> effects = translatedEffects(schema, arguments, precondition, store);
                if (!effects.isEmpty()) found.put(key, new GroundAction(schema, arguments, effects, vocabulary));
                return false;
            });
            result.addAll(found.values());
        }
        return result;
    }

    /** Applies the action's effects with PDDL semantics: conditions read the old state, deletes before adds. */
    void apply(GroundAction action, FactStore store) {
        List<Fact> adds = new ArrayList<>();
        List<Fact> deletes = new ArrayList<>();
        for (EffectTemplate effect : action.schema().effects()) {
            forEachAssignment(effect, action.arguments(), binding -> {
                if (effect.condition().holds(store, binding)) {
                    (effect.positive() ? adds : deletes).add(effect.atom().ground(binding));
                }
            });
        }
        deletes.forEach(store::remove);
        adds.forEach(store::add);
    }

    private Map<Fact, Boolean> fluentLiterals(Query.Disjunct disjunct, int[] binding) {
        Map<Fact, Boolean> literals = new HashMap<>();
        for (Query.Literal[] group : List.of(disjunct.joins(), disjunct.checks())) {
            for (Query.Literal literal : group) {
                if (literal.predicate() != Vocabulary.EQUALITY && fluent[literal.predicate()]) {
                    literals.put(literal.ground(binding), literal.positive());
                }
            }
        }
        return literals;
    }

    /**
     * The effects of the translated operator (Fast Downward's translate_strips_operator and
     * build_sas_operator for binary variables). The SAS operator sorts its effects by (variable,
     * pre, post): for one atom the add (value 0) comes before the delete (value 1), which is all
     * that matters when textworld replays them; the order across atoms does not change the result.
     */
    private List<TextEffect> translatedEffects(Schema schema, int[] arguments, Map<Fact, Boolean> precondition,
            FactStore store) {
        List<GroundEffect> adds = new ArrayList<>();
        List<GroundEffect> deletes = new ArrayList<>();
        for (EffectTemplate effect : schema.effects()) {
            forEachAssignment(effect, arguments, binding -> ground(effect, binding, store)
                    .forEach(g -> (g.positive() ? adds : deletes).add(g)));
        }
        Map<Fact, boolean[]> kept = new LinkedHashMap<>();
        for (GroundEffect add : adds) {
            if (Boolean.TRUE.equals(precondition.get(add.atom())) || contradicts(add, precondition)) continue;
            kept.computeIfAbsent(add.atom(), a -> new boolean[2])[0] = true;
        }
        for (GroundEffect delete : deletes) {
            boolean sameAsAdd = adds.stream().anyMatch(a -> a.atom().equals(delete.atom())
                    && a.conditions().equals(delete.conditions()) && a.opaque() == delete.opaque());
            boolean alwaysAdded = adds.stream().anyMatch(a -> a.atom().equals(delete.atom())
                    && a.conditions().isEmpty() && !a.opaque());
            if (sameAsAdd || alwaysAdded
                    || Boolean.FALSE.equals(precondition.get(delete.atom()))
                    || Boolean.FALSE.equals(delete.conditions().get(delete.atom()))
                    || contradicts(delete, precondition)) {
                continue;
            }
            kept.computeIfAbsent(delete.atom(), a -> new boolean[2])[1] = true;
        }
        List<TextEffect> effects = new ArrayList<>();
        kept.forEach((atom, values) -> {
            if (values[0]) effects.add(new TextEffect(atom, true));
            if (values[1]) effects.add(new TextEffect(atom, false));
        });
        return effects;
    }

    private static boolean contradicts(GroundEffect effect, Map<Fact, Boolean> precondition) {
        for (Map.Entry<Fact, Boolean> condition : effect.conditions().entrySet()) {
            Boolean required = precondition.get(condition.getKey());
            if (required != null && !required.equals(condition.getValue())) return true;
        }
        return false;
    }

    /** The effect instantiated as Fast Downward does: one per condition disjunct; static parts evaluated now. */
    private List<GroundEffect> ground(EffectTemplate effect, int[] binding, FactStore store) {
        Fact atom = effect.atom().ground(binding);
        List<GroundEffect> result = new ArrayList<>();
        for (Query.Disjunct disjunct : effect.condition().disjuncts) {
            if (disjunct.slotCount() > binding.length || disjunct.universals().length > 0) {
                result.add(new GroundEffect(atom, effect.positive(), Map.of(), true));
                continue;
            }
            Map<Fact, Boolean> conditions = new HashMap<>();
            boolean possible = true;
            for (Query.Literal[] group : List.of(disjunct.joins(), disjunct.checks())) {
                for (Query.Literal literal : group) {
                    if (literal.predicate() == Vocabulary.EQUALITY) {
                        possible &= (literal.value(0, binding) == literal.value(1, binding)) == literal.positive();
                    } else if (!fluent[literal.predicate()]) {
                        possible &= store.contains(literal.ground(binding)) == literal.positive();
                    } else {
                        Boolean previous = conditions.put(literal.ground(binding), literal.positive());
                        possible &= previous == null || previous == literal.positive();
                    }
                }
            }
            if (possible) result.add(new GroundEffect(atom, effect.positive(), conditions, false));
        }
        return result;
    }

    private void forEachAssignment(EffectTemplate effect, int[] arguments, java.util.function.Consumer<int[]> body) {
        int[] binding = Arrays.copyOf(arguments, arguments.length + effect.forallVariables().size());
        assign(effect.forallVariables(), 0, binding, arguments.length, body);
    }

    private void assign(List<TypedName> variables, int index, int[] binding, int offset,
            java.util.function.Consumer<int[]> body) {
        if (index == variables.size()) {
            body.accept(binding);
            return;
        }
        for (int object : vocabulary.instances(variables.get(index).type())) {
            binding[offset + index] = object;
            assign(variables, index + 1, binding, offset, body);
        }
    }
}
