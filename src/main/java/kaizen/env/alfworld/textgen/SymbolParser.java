package kaizen.env.alfworld.textgen;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses right-hand sides the way TextWorld's TatSu grammar does, including its leniency: parsing
 * stops at the first character no symbol can start with (the reference parses the rule
 * "symbols", not "start", so trailing text such as the stray "}" of ALFWorld's
 * {@code overview(o, r)} rule is silently dropped), and tabs between symbols are skipped.
 */
final class SymbolParser {
    private final String text;
    private int pos;

    private SymbolParser(String text) {
        this.text = text;
    }

    static Symbol.Sequence parse(String text) {
        SymbolParser p = new SymbolParser(text);
        p.skipLeadingComment();
        return new Symbol.Sequence(p.symbols());
    }

    /**
     * TatSu tries the grammar's eol-comment pattern {@code ^(//.*|\s*)\n?} (multi-line) before
     * the first token; at the start of the text it matches, so a text's leading whitespace (or a
     * leading "//" line) is dropped: ALFWorld's help feedback loses its first newline this way.
     */
    private void skipLeadingComment() {
        if (text.startsWith("//")) {
            while (pos < text.length() && text.charAt(pos) != '\n') pos++;
        } else {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '\n') pos++;
    }

    private List<Symbol> symbols() {
        List<Symbol> out = new ArrayList<>();
        while (true) {
            skipTabs();
            int start = pos;
            Symbol s = symbol();
            if (s == null || pos == start) {
                pos = start;
                return out;
            }
            out.add(s);
        }
    }

    private void skipTabs() {
        while (pos < text.length() && text.charAt(pos) == '\t') pos++;
    }

    private Symbol symbol() {
        if (pos >= text.length()) return null;
        char c = text.charAt(pos);
        int start = pos;
        Symbol s = switch (c) {
            case '[' -> list();
            case '{' -> conditional();
            case '#' -> nonterminal();
            default -> terminal();
        };
        if (s == null) pos = start;
        return s;
    }

    private Symbol.ListOf list() {
        pos++; // [
        skipTabs();
        if (pos >= text.length() || text.charAt(pos) != '{') return null;
        Symbol.Conditional item = conditional();
        if (item == null) return null;
        skipTabs();
        if (pos >= text.length() || text.charAt(pos) != ']') return null;
        pos++;
        return new Symbol.ListOf(item);
    }

    private Symbol.Conditional conditional() {
        pos++; // {
        skipTabs();
        Symbol expression;
        if (pos < text.length() && text.charAt(pos) == '#') {
            expression = nonterminal();
        } else {
            int start = pos;
            while (pos < text.length() && "|[]{}\n<>".indexOf(text.charAt(pos)) < 0) pos++;
            expression = pos > start ? new Symbol.Eval(text.substring(start, pos)) : null;
        }
        if (expression == null) return null;
        String given = "";
        int save = pos;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        if (pos < text.length() && text.charAt(pos) == '|') {
            pos++;
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
            int start = pos;
            while (pos < text.length() && ";|{}\n[]#".indexOf(text.charAt(pos)) < 0) pos++;
            if (pos == start) return null;
            given = text.substring(start, pos);
        } else {
            pos = save;
        }
        skipTabs();
        if (pos >= text.length() || text.charAt(pos) != '}') return null;
        pos++;
        return new Symbol.Conditional(expression, given);
    }

    private Symbol.Nonterminal nonterminal() {
        pos++; // #
        int start = pos;
        while (pos < text.length() && isTagChar(text.charAt(pos))) pos++;
        if (pos == start || pos >= text.length() || text.charAt(pos) != '#') return null;
        String tag = text.substring(start, pos);
        pos++;
        return new Symbol.Nonterminal(tag);
    }

    private static boolean isTagChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || "()/!<>-,.".indexOf(c) >= 0 || Character.isWhitespace(c);
    }

    private Symbol.Terminal terminal() {
        if (text.charAt(pos) == '"') {
            int start = ++pos;
            while (pos < text.length() && isLiteralChar(text.charAt(pos))) pos++;
            if (pos < text.length() && text.charAt(pos) == '"') {
                String literal = text.substring(start, pos);
                pos++;
                return new Symbol.Terminal(literal);
            }
            pos = start - 1;
        }
        int start = pos;
        while (pos < text.length() && isLiteralChar(text.charAt(pos))) pos++;
        return pos > start ? new Symbol.Terminal(text.substring(start, pos)) : null;
    }

    private static boolean isLiteralChar(char c) {
        return ";|\"<>[]#{}".indexOf(c) < 0;
    }
}
