package kaizen.env.alfworld.pddl;

import java.util.ArrayList;
import java.util.List;

/** A Lisp-style expression as PDDL is written: a symbol or a parenthesised list. */
sealed interface SExpr {

    /** 1-based line in the text the expression starts on. */
    int line();

    record Sym(String text, int line) implements SExpr {
        @Override
        public String toString() {
            return text;
        }
    }

    record Items(List<SExpr> items, int line) implements SExpr {
        public Items {
            items = List.copyOf(items);
        }

        int size() {
            return items.size();
        }

        SExpr get(int i) {
            return items.get(i);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(' ');
                sb.append(items.get(i));
            }
            return sb.append(')').toString();
        }
    }

    /**
     * Reads one top-level list the way Fast Downward's translator tokenises PDDL: everything after
     * ';' on a line is a comment, tokens are lower-cased, '?' always starts a new token.
     */
    static Items read(String text, PddlSource source) {
        List<Sym> tokens = tokenize(text, source);
        if (tokens.isEmpty() || !tokens.get(0).text().equals("(")) {
            throw source.error(tokens.isEmpty() ? 0 : tokens.get(0).line(),
                    "expected '(' at the start, found " + (tokens.isEmpty() ? "nothing" : tokens.get(0).text()));
        }
        int[] next = {1};
        Items result = readList(tokens, next, tokens.get(0).line(), source);
        if (next[0] < tokens.size()) {
            Sym extra = tokens.get(next[0]);
            throw source.error(extra.line(), "unexpected text after the closing ')': " + extra.text());
        }
        return result;
    }

    private static Items readList(List<Sym> tokens, int[] next, int line, PddlSource source) {
        List<SExpr> items = new ArrayList<>();
        while (true) {
            if (next[0] >= tokens.size()) throw source.error(line, "missing ')' for the list opened here");
            Sym token = tokens.get(next[0]++);
            switch (token.text()) {
                case ")" -> {
                    return new Items(items, line);
                }
                case "(" -> items.add(readList(tokens, next, token.line(), source));
                default -> items.add(token);
            }
        }
    }

    private static List<Sym> tokenize(String text, PddlSource source) {
        List<Sym> tokens = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf(';');
            if (comment >= 0) line = line.substring(0, comment);
            for (int c = 0; c < line.length(); c++) {
                if (line.charAt(c) > 127) throw source.error(i + 1, "non-ASCII character outside a comment");
            }
            line = line.replace("(", " ( ").replace(")", " ) ").replace("?", " ?");
            for (String token : line.trim().split("\\s+")) {
                if (!token.isEmpty()) tokens.add(new Sym(token.toLowerCase(java.util.Locale.ROOT), i + 1));
            }
        }
        return tokens;
    }
}
