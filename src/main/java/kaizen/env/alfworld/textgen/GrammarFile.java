package kaizen.env.alfworld.textgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kaizen.core.Json;

/**
 * Reads the "grammar" field of a game file: TextWorld's PDDL-logic document language
 * (textworld/envs/pddl/logic/logic.ebnf) — {@code grammar :: """JSON""";} blocks and
 * {@code action NAME { template :: "..."; feedback :: "..."; grammar :: """JSON"""; }} blocks,
 * with {@code #} comments to the end of a line between tokens. The JSON rule sets are merged in
 * document order, a later rule name replacing an earlier one (Python's dict.update); in an
 * action's own grammar, lines starting with {@code #} are dropped before the JSON is read.
 */
final class GrammarFile {
    /** An action's text: the command template and the rule its feedback starts from. */
    record ActionText(String name, String template, String feedbackRule) {}

    record Parsed(Map<String, ActionText> actions, Grammar grammar) {}

    private final String text;
    private int pos;

    private GrammarFile(String text) {
        this.text = text;
    }

    /** @throws GrammarException saying where the text is wrong */
    static Parsed parse(String text) {
        return new GrammarFile(text).document();
    }

    private Parsed document() {
        Map<String, ActionText> actions = new LinkedHashMap<>();
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        while (true) {
            skip();
            if (pos >= text.length()) break;
            String word = name();
            switch (word) {
                case "grammar" -> {
                    expect("::");
                    mergeRules(rules, block(), "the top-level grammar");
                    expect(";");
                }
                case "action" -> {
                    String actionName = name();
                    expect("{");
                    String template = null;
                    String feedback = null;
                    while (true) {
                        skip();
                        if (peek('}')) {
                            pos++;
                            break;
                        }
                        String field = name();
                        expect("::");
                        switch (field) {
                            case "template" -> template = quoted();
                            case "feedback" -> feedback = quoted();
                            case "pddl" -> block();
                            case "grammar" -> mergeRules(rules, withoutHashLines(block()), "action " + actionName);
                            default -> throw error("unknown field '" + field + "' in action " + actionName);
                        }
                        expect(";");
                    }
                    if (template == null || feedback == null) throw error("action " + actionName + " lacks a template or a feedback");
                    actions.put(actionName.toLowerCase(java.util.Locale.ROOT), new ActionText(actionName, template, feedback));
                }
                default -> throw error("expected 'grammar' or 'action', found '" + word + "'");
            }
        }
        Map<String, List<Grammar.Alternative>> compiled = new LinkedHashMap<>();
        rules.forEach((name, alternatives) -> compiled.put(name, compile(name, alternatives)));
        return new Parsed(Map.copyOf(actions), new Grammar(compiled));
    }

    private static List<Grammar.Alternative> compile(String name, JsonNode alternatives) {
        if (!alternatives.isArray()) throw new GrammarException("grammar rule '" + name + "': expected a list of alternatives");
        List<Grammar.Alternative> out = new ArrayList<>();
        for (JsonNode a : alternatives) {
            JsonNode rhs = a.get("rhs");
            if (rhs == null || !rhs.isTextual()) throw new GrammarException("grammar rule '" + name + "': an alternative has no \"rhs\" text");
            String condition = a.path("condition").asText("");
            Optional<Query> query;
            try {
                query = condition.isEmpty() ? Optional.empty() : Optional.of(Query.parse(condition));
            } catch (IllegalArgumentException e) {
                throw new GrammarException("grammar rule '" + name + "': bad condition: " + e.getMessage());
            }
            out.add(new Grammar.Alternative(SymbolParser.parse(rhs.asText()), query));
        }
        return List.copyOf(out);
    }

    private void mergeRules(Map<String, JsonNode> rules, String json, String where) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IOException e) {
            throw new GrammarException("grammar JSON of " + where + " is not valid: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new GrammarException("grammar JSON of " + where + " is not an object");
        root.properties().forEach(e -> rules.put(e.getKey(), e.getValue()));
    }

    private static String withoutHashLines(String s) {
        List<String> kept = new ArrayList<>();
        for (String line : s.split("\n", -1)) if (!line.stripLeading().startsWith("#")) kept.add(line);
        return String.join("\n", kept);
    }

    private void skip() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') pos++;
            } else {
                return;
            }
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private String name() {
        skip();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_/-".indexOf(text.charAt(pos)) >= 0)) pos++;
        if (pos == start) throw error("expected a name");
        return text.substring(start, pos);
    }

    private void expect(String token) {
        skip();
        if (!text.startsWith(token, pos)) throw error("expected '" + token + "'");
        pos += token.length();
    }

    private String quoted() {
        skip();
        if (text.startsWith("\"\"\"", pos) || !peek('"')) throw error("expected a \"string\"");
        int end = text.indexOf('"', pos + 1);
        if (end < 0) throw error("unterminated string");
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private String block() {
        skip();
        if (!text.startsWith("\"\"\"", pos)) throw error("expected a \"\"\"block\"\"\"");
        int end = text.indexOf("\"\"\"", pos + 3);
        if (end < 0) throw error("unterminated \"\"\"block");
        String s = text.substring(pos + 3, end);
        pos = end + 3;
        return s;
    }

    private GrammarException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return new GrammarException("grammar, line " + line + ": " + what);
    }
}
