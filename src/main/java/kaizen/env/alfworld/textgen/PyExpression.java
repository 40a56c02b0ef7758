package kaizen.env.alfworld.textgen;

import java.util.Map;
import java.util.Optional;
import kaizen.env.alfworld.pddl.Entity;

/**
 * The Python expressions ALFWorld grammars put in braces, evaluated as Python's {@code eval} would
 * with the bound entities as variables: names, attribute access ({@code o.name}, {@code
 * o.indefinite}, {@code r.id}), string literals, {@code +} and {@code or}, parentheses. Results
 * print as Python's {@code str()}: an entity prints as its name, None as "None".
 */
final class PyExpression {
    private final String text;
    private final Map<String, Entity> variables;
    private int pos;

    private PyExpression(String text, Map<String, Entity> variables) {
        this.text = text;
        this.variables = variables;
    }

    /** @throws IllegalArgumentException naming what Python would have failed on */
    static String evaluate(String text, Map<String, Entity> variables) {
        PyExpression p = new PyExpression(text, variables);
        Object value = p.or();
        p.spaces();
        if (p.pos != text.length()) throw new IllegalArgumentException("unexpected '" + text.substring(p.pos) + "' in {" + text + "}");
        return str(value);
    }

    private static String str(Object value) {
        if (value == null) return "None";
        if (value instanceof Entity e) return e.name() == null ? "None" : e.name();
        return value.toString();
    }

    private static boolean truthy(Object value) {
        return value != null && !(value instanceof String s && s.isEmpty());
    }

    private Object or() {
        Object left = sum();
        while (keyword("or")) {
            Object right = sum();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object sum() {
        Object left = atom();
        while (true) {
            spaces();
            if (pos < text.length() && text.charAt(pos) == '+') {
                pos++;
                Object right = atom();
                if (!(left instanceof String a) || !(right instanceof String b)) {
                    throw new IllegalArgumentException("'+' needs two strings in {" + text + "}");
                }
                left = a + b;
            } else {
                return left;
            }
        }
    }

    private Object atom() {
        spaces();
        if (pos >= text.length()) throw new IllegalArgumentException("expression ends early: {" + text + "}");
        char c = text.charAt(pos);
        if (c == '\'' || c == '"') return string(c);
        if (c == '(') {
            pos++;
            Object v = or();
            spaces();
            if (pos >= text.length() || text.charAt(pos) != ')') throw new IllegalArgumentException("missing ')' in {" + text + "}");
            pos++;
            return v;
        }
        String name = identifier();
        if (!variables.containsKey(name)) throw new IllegalArgumentException("name '" + name + "' is not defined in {" + text + "}");
        Object value = variables.get(name);
        while (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            String attribute = identifier();
            if (!(value instanceof Entity e)) throw new IllegalArgumentException("'" + attribute + "' of a non-entity in {" + text + "}");
            value = attribute(e, attribute).orElse(null);
        }
        return value;
    }

    private static Optional<String> attribute(Entity e, String name) {
        return switch (name) {
            case "id" -> Optional.of(e.id());
            case "type" -> Optional.of(e.type());
            case "name" -> Optional.ofNullable(e.name());
            case "indefinite" -> Optional.ofNullable(e.indefinite());
            case "definite" -> Optional.ofNullable(e.definite());
            // EntityInfo's other slots are never set by the PDDL environment.
            case "noun", "adj", "desc", "room_type", "synonyms" -> Optional.empty();
            default -> throw new IllegalArgumentException("an entity has no attribute '" + name + "'");
        };
    }

    private String string(char quote) {
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) pos++;
        if (pos >= text.length()) throw new IllegalArgumentException("unterminated string in {" + text + "}");
        return text.substring(start, pos++);
    }

    private String identifier() {
        spaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
        if (pos == start) throw new IllegalArgumentException("expected a name at '" + text.substring(start) + "' in {" + text + "}");
        return text.substring(start, pos);
    }

    private boolean keyword(String word) {
        spaces();
        if (text.startsWith(word, pos) && (pos + word.length() == text.length()
                || !Character.isLetterOrDigit(text.charAt(pos + word.length())))) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private void spaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }
}
