package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kaizen.env.alfworld.pddl.Pddl.ActionSchema;
import kaizen.env.alfworld.pddl.Pddl.Condition;
import kaizen.env.alfworld.pddl.Pddl.Domain;
import kaizen.env.alfworld.pddl.Pddl.Effect;
import kaizen.env.alfworld.pddl.Pddl.Problem;
import kaizen.env.alfworld.pddl.Pddl.TypedName;
import kaizen.env.alfworld.pddl.SExpr.Items;
import kaizen.env.alfworld.pddl.SExpr.Sym;

/**
 * Parses PDDL domains and problems as Fast Downward's translator reads them (names lower-cased,
 * untyped names of type {@code object}); errors name the file, field and line.
 */
public final class PddlParser {
    private static final Set<String> NUMERIC_EFFECTS = Set.of("increase", "decrease", "assign", "scale-up",
            "scale-down");

    private final PddlSource source;

    private PddlParser(PddlSource source) {
        this.source = source;
    }

    public static Domain parseDomain(String text, PddlSource source) {
        return new PddlParser(source).domain(SExpr.read(text, source));
    }

    public static Problem parseProblem(String text, Domain domain, PddlSource source) {
        return new PddlParser(source).problem(SExpr.read(text, source), domain);
    }

    private Domain domain(Items root) {
        expectHead(root, "define");
        String name = header(root, "domain");
        List<String> requirements = new ArrayList<>();
        List<TypedName> types = new ArrayList<>();
        List<TypedName> constants = new ArrayList<>();
        Map<String, List<TypedName>> predicates = new LinkedHashMap<>();
        List<String> functions = new ArrayList<>();
        List<ActionSchema> actions = new ArrayList<>();
        for (SExpr part : root.items().subList(2, root.size())) {
            Items section = list(part, "a domain section");
            String tag = symbol(section.get(0), "a section name");
            List<SExpr> rest = section.items().subList(1, section.size());
            switch (tag) {
                case ":requirements" -> rest.forEach(r -> requirements.add(symbol(r, "a requirement")));
                case ":types" -> types.addAll(typedList(rest));
                case ":constants" -> constants.addAll(typedList(rest));
                case ":predicates" -> {
                    for (SExpr p : rest) {
                        Items predicate = list(p, "a predicate declaration");
                        String predicateName = symbol(predicate.get(0), "a predicate name");
                        predicates.put(predicateName, typedList(predicate.items().subList(1, predicate.size())));
                    }
                }
                case ":functions" -> {
                    for (SExpr f : rest) {
                        if (f instanceof Items function && function.size() > 0) {
                            functions.add(symbol(function.get(0), "a function name"));
                        }
                    }
                }
                case ":action" -> actions.add(action(section, predicates));
                default -> throw source.error(section.line(), "unsupported domain section " + tag);
            }
        }
        return new Domain(name, requirements, types, constants, predicates, functions, actions);
    }

    private ActionSchema action(Items section, Map<String, List<TypedName>> predicates) {
        if (section.size() < 2) throw source.error(section.line(), ":action without a name");
        String name = symbol(section.get(1), "an action name");
        List<TypedName> parameters = List.of();
        Condition precondition = new Condition.And(List.of());
        Effect effect = new Effect.All(List.of());
        for (int i = 2; i < section.size(); i += 2) {
            String key = symbol(section.get(i), "an action field (:parameters, :precondition or :effect)");
            if (i + 1 >= section.size()) throw source.error(section.get(i).line(), key + " without a value");
            SExpr value = section.get(i + 1);
            switch (key) {
                case ":parameters" -> parameters = typedList(list(value, "a parameter list").items());
                case ":precondition" -> precondition = condition(value, predicates);
                case ":effect" -> effect = effect(value, predicates);
                default -> throw source.error(value.line(), "unknown action field " + key + " in action " + name);
            }
        }
        return new ActionSchema(name, parameters, precondition, effect);
    }

    private Problem problem(Items root, Domain domain) {
        expectHead(root, "define");
        String name = header(root, "problem");
        String domainName = null;
        List<TypedName> objects = new ArrayList<>();
        List<Condition.Atom> init = new ArrayList<>();
        Condition goal = null;
        for (SExpr part : root.items().subList(2, root.size())) {
            Items section = list(part, "a problem section");
            String tag = symbol(section.get(0), "a section name");
            List<SExpr> rest = section.items().subList(1, section.size());
            switch (tag) {
                case ":domain" -> domainName = symbol(rest.isEmpty() ? section : rest.get(0), "a domain name");
                case ":requirements" -> { }
                case ":objects" -> objects.addAll(typedList(rest));
                case ":init" -> rest.forEach(fact -> initFact(fact, domain.predicates()).ifPresent(init::add));
                case ":goal" -> {
                    if (rest.size() != 1) throw source.error(section.line(), ":goal takes exactly one formula");
                    goal = condition(rest.get(0), domain.predicates());
                }
                case ":metric" -> { }
                default -> throw source.error(section.line(), "unsupported problem section " + tag);
            }
        }
        if (domainName == null) throw source.error(root.line(), "the problem names no (:domain ...)");
        if (!domainName.equals(domain.name())) {
            throw source.error(root.line(), "the problem is for domain " + domainName + ", not " + domain.name());
        }
        if (goal == null) throw source.error(root.line(), "the problem has no (:goal ...)");
        return new Problem(name, domainName, objects, init, goal);
    }

    /** An initial fact; numeric assignments {@code (= (f ...) v)} are skipped, as the game never shows them. */
    private java.util.Optional<Condition.Atom> initFact(SExpr fact, Map<String, List<TypedName>> predicates) {
        Items items = list(fact, "an initial fact");
        if (items.size() == 3 && symbolOrNull(items.get(0)) instanceof String s && s.equals("=")
                && items.get(1) instanceof Items) {
            return java.util.Optional.empty();
        }
        Condition.Atom atom = atom(items, predicates);
        for (String arg : atom.args()) {
            if (arg.startsWith("?")) throw source.error(fact.line(), "variable " + arg + " in an initial fact");
        }
        return java.util.Optional.of(atom);
    }

    private Condition condition(SExpr expr, Map<String, List<TypedName>> predicates) {
        Items items = list(expr, "a condition");
        if (items.size() == 0) return new Condition.And(List.of());
        String head = symbol(items.get(0), "a condition");
        List<SExpr> rest = items.items().subList(1, items.size());
        return switch (head) {
            case "and" -> new Condition.And(rest.stream().map(c -> condition(c, predicates)).toList());
            case "or" -> new Condition.Or(rest.stream().map(c -> condition(c, predicates)).toList());
            case "not" -> {
                if (rest.size() != 1) throw source.error(items.line(), "(not ...) takes exactly one formula");
                yield new Condition.Not(condition(rest.get(0), predicates));
            }
            case "imply" -> {
                if (rest.size() != 2) throw source.error(items.line(), "(imply ...) takes exactly two formulas");
                yield new Condition.Imply(condition(rest.get(0), predicates), condition(rest.get(1), predicates));
            }
            case "exists", "forall" -> {
                if (rest.size() != 2) throw source.error(items.line(), "(" + head + " (vars) formula) expected");
                List<TypedName> variables = typedList(list(rest.get(0), "a variable list").items());
                Condition body = condition(rest.get(1), predicates);
                yield head.equals("exists") ? new Condition.Exists(variables, body)
                        : new Condition.Forall(variables, body);
            }
            default -> atom(items, predicates);
        };
    }

    private Effect effect(SExpr expr, Map<String, List<TypedName>> predicates) {
        Items items = list(expr, "an effect");
        if (items.size() == 0) return new Effect.All(List.of());
        String head = symbol(items.get(0), "an effect");
        List<SExpr> rest = items.items().subList(1, items.size());
        return switch (head) {
            case "and" -> new Effect.All(rest.stream().map(e -> effect(e, predicates)).toList());
            case "not" -> {
                if (rest.size() != 1) throw source.error(items.line(), "(not ...) takes exactly one atom");
                yield new Effect.Literal(atom(list(rest.get(0), "an atom"), predicates), false);
            }
            case "when" -> {
                if (rest.size() != 2) throw source.error(items.line(), "(when condition effect) expected");
                yield new Effect.When(condition(rest.get(0), predicates), effect(rest.get(1), predicates));
            }
            case "forall" -> {
                if (rest.size() != 2) throw source.error(items.line(), "(forall (vars) effect) expected");
                yield new Effect.Forall(typedList(list(rest.get(0), "a variable list").items()),
                        effect(rest.get(1), predicates));
            }
            default -> {
                if (NUMERIC_EFFECTS.contains(head)) {
                    if (rest.size() != 2) throw source.error(items.line(), "(" + head + " function value) expected");
                    yield new Effect.Numeric(head, rest.get(0).toString());
                }
                yield new Effect.Literal(atom(items, predicates), true);
            }
        };
    }

    private Condition.Atom atom(Items items, Map<String, List<TypedName>> predicates) {
        String predicate = symbol(items.get(0), "a predicate name");
        List<String> args = new ArrayList<>();
        for (SExpr arg : items.items().subList(1, items.size())) args.add(symbol(arg, "an argument of " + predicate));
        if (predicate.equals("=")) {
            if (args.size() != 2) throw source.error(items.line(), "(= a b) takes exactly two arguments");
        } else {
            List<TypedName> declared = predicates.get(predicate);
            if (declared == null) throw source.error(items.line(), "undeclared predicate " + predicate);
            if (declared.size() != args.size()) {
                throw source.error(items.line(), "predicate " + predicate + " takes " + declared.size()
                        + " arguments, found " + args.size() + " in " + items);
            }
        }
        return new Condition.Atom(predicate, args);
    }

    /** {@code a b - t c} → a:t, b:t, c:object (Fast Downward's parse_typed_list). */
    private List<TypedName> typedList(List<SExpr> items) {
        List<TypedName> result = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = symbol(items.get(i), "a name");
            if (name.equals("-")) {
                if (i + 1 >= items.size()) throw source.error(items.get(i).line(), "'-' without a type after it");
                if (pending.isEmpty()) throw source.error(items.get(i).line(), "'-' without names before it");
                String type = symbol(items.get(++i), "a type name (either-types are not supported)");
                pending.forEach(n -> result.add(new TypedName(n, type)));
                pending.clear();
            } else {
                pending.add(name);
            }
        }
        pending.forEach(n -> result.add(new TypedName(n, Pddl.ROOT_TYPE)));
        return result;
    }

    private void expectHead(Items root, String head) {
        if (root.size() < 2 || !head.equals(symbolOrNull(root.get(0)))) {
            throw source.error(root.line(), "expected (" + head + " ...)");
        }
    }

    private String header(Items root, String kind) {
        Items header = list(root.get(1), "(" + kind + " NAME)");
        if (header.size() != 2 || !kind.equals(symbolOrNull(header.get(0)))) {
            throw source.error(header.line(), "expected (" + kind + " NAME)");
        }
        return symbol(header.get(1), "a " + kind + " name");
    }

    private Items list(SExpr expr, String what) {
        if (expr instanceof Items items) return items;
        throw source.error(expr.line(), "expected " + what + " in parentheses, found " + expr);
    }

    private String symbol(SExpr expr, String what) {
        if (expr instanceof Sym sym) return sym.text();
        throw source.error(expr.line(), "expected " + what + ", found " + expr);
    }

    private static String symbolOrNull(SExpr expr) {
        return expr instanceof Sym sym ? sym.text() : null;
    }
}
