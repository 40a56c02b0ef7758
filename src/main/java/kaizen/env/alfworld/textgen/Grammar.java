package kaizen.env.alfworld.textgen;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kaizen.env.alfworld.pddl.Entity;

/**
 * The context-sensitive grammar of an ALFWorld game, derived as TextWorld 1.7.0 does
 * (textworld/envs/pddl/textgen): a rule's first alternative whose condition has an answer wins;
 * symbols expand depth first, left to right; {@code {expr | query}} yields one copy of
 * {@code expr} per answer of the query, in the order TextWorld's {@code State.all_assignments}
 * finds them (predicates in the query's order, each one's facts sorted, new placeholders never
 * bound to an entity already bound).
 */
final class Grammar {
    record Alternative(Symbol.Sequence rhs, Optional<Query> condition) {}

    /** Placeholder bindings (to entity ids) and the variables expressions see (by name, to entity ids). */
    record Context(Map<Query.Placeholder, String> mapping, Map<String, String> variables) {
        static final Context EMPTY = new Context(Map.of(), Map.of());

        Context with(Map<Query.Placeholder, String> added) {
            Map<Query.Placeholder, String> m = new LinkedHashMap<>(mapping);
            Map<String, String> v = new LinkedHashMap<>(variables);
            added.forEach((ph, id) -> {
                m.put(ph, id);
                v.put(ph.name(), id);
            });
            return new Context(Map.copyOf(m), Map.copyOf(v));
        }
    }

    private final Map<String, List<Alternative>> rules;

    Grammar(Map<String, List<Alternative>> rules) {
        this.rules = Map.copyOf(rules);
    }

    boolean hasRule(String name) {
        return rules.containsKey(name);
    }

    /** Derives {@code start} (a right-hand side, e.g. "#intro#" or an action template). */
    String derive(String start, Context context, TextState state) {
        record Item(Symbol symbol, Context context) {}
        Deque<Item> stack = new ArrayDeque<>();
        pushAll(stack, SymbolParser.parse(start).symbols(), context, Item::new);
        StringBuilder out = new StringBuilder();
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            Context ctx = item.context();
            switch (item.symbol()) {
                case Symbol.Terminal t -> out.append(t.text());
                case Symbol.Nonterminal n -> pushAll(stack, expand(n.rule(), ctx, state).symbols(), ctx, Item::new);
                case Symbol.Eval e -> out.append(PyExpression.evaluate(e.statement(), entities(ctx, state)));
                case Symbol.Conditional c -> {
                    List<Item> copies = new ArrayList<>();
                    for (Context answer : answers(c.given(), ctx, state)) copies.add(new Item(c.expression(), answer));
                    pushItems(stack, copies);
                }
                case Symbol.ListOf l -> {
                    List<Item> elements = new ArrayList<>();
                    for (Context answer : answers(l.item().given(), ctx, state)) elements.add(new Item(l.item().expression(), answer));
                    pushItems(stack, englishList(elements, ctx, Item::new));
                }
            }
        }
        return out.toString();
    }

    private static <I> List<I> englishList(List<I> elements, Context ctx, java.util.function.BiFunction<Symbol, Context, I> item) {
        if (elements.isEmpty()) return List.of(item.apply(new Symbol.Nonterminal("list_empty"), ctx));
        if (elements.size() == 1) return elements;
        List<I> out = new ArrayList<>();
        for (int i = 0; i < elements.size() - 1; i++) {
            if (i > 0) out.add(item.apply(new Symbol.Nonterminal("list_separator"), ctx));
            out.add(elements.get(i));
        }
        out.add(item.apply(new Symbol.Nonterminal("list_last_separator"), ctx));
        out.add(elements.getLast());
        return out;
    }

    private static <I> void pushAll(Deque<I> stack, List<Symbol> symbols, Context ctx,
            java.util.function.BiFunction<Symbol, Context, I> item) {
        for (int i = symbols.size() - 1; i >= 0; i--) stack.push(item.apply(symbols.get(i), ctx));
    }

    private static <I> void pushItems(Deque<I> stack, List<I> items) {
        for (int i = items.size() - 1; i >= 0; i--) stack.push(items.get(i));
    }

    private Symbol.Sequence expand(String rule, Context ctx, TextState state) {
        List<Alternative> alternatives = rules.get(rule);
        if (alternatives == null || alternatives.isEmpty()) {
            throw new GrammarException("Can't find symbol '#" + rule + "#' in the set of production rules.");
        }
        for (Alternative a : alternatives) {
            if (a.condition().isEmpty() || !assignments(a.condition().get(), ctx.mapping(), state, true).isEmpty()) return a.rhs();
        }
        throw new GrammarException("no alternative of rule '" + rule + "' applies in this state");
    }

    private List<Context> answers(String given, Context ctx, TextState state) {
        if (given.isEmpty()) return List.of(ctx);
        Query query = parseQuery(given);
        List<Context> out = new ArrayList<>();
        for (Map<Query.Placeholder, String> found : assignments(query, ctx.mapping(), state, false)) out.add(ctx.with(found));
        return out;
    }

    private static final Map<String, Query> QUERIES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Query parseQuery(String text) {
        return QUERIES.computeIfAbsent(text, t -> {
            try {
                return Query.parse(t);
            } catch (IllegalArgumentException e) {
                throw new GrammarException("bad query: " + e.getMessage());
            }
        });
    }

    /**
     * TextWorld's {@code State.all_assignments}: new bindings of every answer (only the first when
     * {@code firstOnly}), in the reference's order.
     */
    private static List<Map<Query.Placeholder, String>> assignments(Query query, Map<Query.Placeholder, String> given,
            TextState state, boolean firstOnly) {
        Map<Query.Placeholder, String> mapping = new LinkedHashMap<>(given);
        Set<String> used = new HashSet<>(given.values());
        List<List<Query.Placeholder>> newByDepth = new ArrayList<>();
        Set<Query.Placeholder> seen = new HashSet<>(given.keySet());
        for (Query.Atom atom : query.atoms()) {
            List<Query.Placeholder> fresh = new ArrayList<>();
            for (Query.Placeholder ph : atom.parameters()) if (seen.add(ph)) fresh.add(ph);
            newByDepth.add(fresh);
        }
        List<Map<Query.Placeholder, String>> out = new ArrayList<>();
        search(query, 0, mapping, used, newByDepth, state, out, given.keySet(), firstOnly);
        return out;
    }

    private static boolean search(Query query, int depth, Map<Query.Placeholder, String> mapping, Set<String> used,
            List<List<Query.Placeholder>> newByDepth, TextState state, List<Map<Query.Placeholder, String>> out,
            Set<Query.Placeholder> given, boolean firstOnly) {
        if (depth == query.atoms().size()) {
            Map<Query.Placeholder, String> found = new LinkedHashMap<>(mapping);
            found.keySet().removeAll(given);
            out.add(found);
            return firstOnly;
        }
        Query.Atom atom = query.atoms().get(depth);
        for (List<String> args : state.facts(atom.predicate())) {
            if (args.size() != atom.parameters().size() || !typesMatch(atom, args, state)) continue;
            boolean ok = true;
            for (int i = 0; i < args.size() && ok; i++) {
                Query.Placeholder ph = atom.parameters().get(i);
                String existing = mapping.get(ph);
                String var = args.get(i);
                if (existing == null) {
                    if (used.contains(var)) {
                        ok = false;
                    } else {
                        mapping.put(ph, var);
                        used.add(var);
                    }
                } else if (!existing.equals(var)) {
                    ok = false;
                }
            }
            if (ok && search(query, depth + 1, mapping, used, newByDepth, state, out, given, firstOnly)) return true;
            for (Query.Placeholder ph : newByDepth.get(depth)) {
                String var = mapping.remove(ph);
                if (var != null) used.remove(var);
            }
        }
        return false;
    }

    /** A fact's signature must fit the placeholders' types; "object" is the root every type falls under. */
    private static boolean typesMatch(Query.Atom atom, List<String> args, TextState state) {
        for (int i = 0; i < args.size(); i++) {
            String type = atom.parameters().get(i).type();
            if (type.equals("object")) continue;
            Optional<Entity> e = state.entity(args.get(i));
            if (e.isEmpty() || !e.get().type().equals(type)) return false;
        }
        return true;
    }

    private static Map<String, Entity> entities(Context ctx, TextState state) {
        Map<String, Entity> out = new HashMap<>();
        ctx.variables().forEach((name, id) -> state.entity(id).ifPresent(e -> out.put(name, e)));
        return out;
    }
}
