package kaizen.data.imports.texttosql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import kaizen.data.imports.texttosql.SqlToken.Kind;

/**
 * Rewrites an SQLite query into the MySQL statement that means the same on the tables as
 * loaded by {@link MysqlLoad}. It works on tokens, never on raw text, so nothing inside a
 * string literal is ever touched. What it rewrites (docs/DATA.md lists it with the reasons):
 * double-quoted names (identifier when the schema has one, else a string), table names and
 * aliases to one spelling (MySQL compares them case-sensitively), names MySQL reserves, {@code ==},
 * {@code ||} → CONCAT, integer {@code /} → DIV, CAST types, IIF, LENGTH, scalar MIN/MAX,
 * GROUP_CONCAT's separator, strftime and date → DATE_FORMAT, COLLATE NOCASE, string escapes.
 * Anything else SQLite-only throws {@link UnsupportedSql} naming it.
 */
final class SqliteToMysql {
    private final Schema schema;
    private final List<SqlToken> t;

    private SqliteToMysql(Schema schema, List<SqlToken> tokens) {
        this.schema = schema;
        this.t = new ArrayList<>(tokens);
    }

    /** The MySQL form of {@code sqlite}, on one line. */
    static String translate(String sqlite, Schema schema) {
        List<SqlToken> tokens = SqlTokenizer.tokenize(sqlite);
        while (!tokens.isEmpty() && tokens.getLast().isSymbol(";")) tokens = tokens.subList(0, tokens.size() - 1);
        if (tokens.isEmpty()) throw new UnsupportedSql("empty statement");
        if (tokens.stream().anyMatch(x -> x.isSymbol(";"))) throw new UnsupportedSql("several statements");
        SqlToken first = tokens.getFirst();
        if (!(first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("("))) {
            throw new UnsupportedSql("not a query (" + first.upper() + ")");
        }
        SqliteToMysql x = new SqliteToMysql(schema, tokens);
        x.names();
        x.operators();
        x.functions();
        x.concatenation();
        x.division();
        return SqlTokenizer.join(x.t);
    }

    /** True when the statement's outermost query orders its rows, so their order is part of the answer. */
    static boolean ordered(String sql) {
        List<SqlToken> ts = SqlTokenizer.tokenize(sql);
        int depth = 0;
        for (int i = 0; i + 1 < ts.size(); i++) {
            if (ts.get(i).isSymbol("(")) depth++;
            else if (ts.get(i).isSymbol(")")) depth--;
            else if (depth == 0 && ts.get(i).isWord("ORDER") && ts.get(i + 1).isWord("BY")) return true;
        }
        return false;
    }

    /** The schema's tables a statement names, in the schema's order. */
    static List<String> tablesUsed(String sql, Schema schema) {
        Set<String> named = new LinkedHashSet<>();
        for (SqlToken x : SqlTokenizer.tokenize(sql)) {
            if (x.isName() || x.kind() == Kind.DQUOTED) named.add(x.text().toLowerCase(Locale.ROOT));
        }
        return schema.tableNames().stream().filter(n -> named.contains(n.toLowerCase(Locale.ROOT))).toList();
    }

    // ---- names ---------------------------------------------------------------------------------

    private void names() {
        Map<String, String> tables = schema.tableSpellings();
        Map<String, String> aliases = aliases(tables);
        for (int i = 0; i < t.size(); i++) {
            SqlToken x = t.get(i);
            boolean qualifier = i + 1 < t.size() && t.get(i + 1).isSymbol(".");
            boolean call = i + 1 < t.size() && t.get(i + 1).isSymbol("(");
            String lower = x.text().toLowerCase(Locale.ROOT);
            switch (x.kind()) {
                case DQUOTED -> {
                    // SQLite's rule: a double-quoted word is an identifier if one exists, otherwise a string.
                    if (tables.containsKey(lower)) t.set(i, new SqlToken(Kind.IDENT, tables.get(lower)));
                    else if (schema.isColumn(x.text()) || aliases.containsKey(lower)) t.set(i, new SqlToken(Kind.IDENT, aliases.getOrDefault(lower, x.text())));
                    else t.set(i, new SqlToken(Kind.STRING, x.text()));
                }
                case IDENT -> {
                    if (tables.containsKey(lower)) t.set(i, new SqlToken(Kind.IDENT, tables.get(lower)));
                    else if (qualifier && aliases.containsKey(lower)) t.set(i, new SqlToken(Kind.IDENT, aliases.get(lower)));
                }
                case WORD -> {
                    if (call || SqlWords.KEYWORDS.contains(x.upper())) continue;
                    boolean reserved = SqlWords.MYSQL_ONLY_RESERVED.contains(x.upper());
                    String spelled = tables.containsKey(lower) ? tables.get(lower)
                            : qualifier && aliases.containsKey(lower) ? aliases.get(lower) : x.text();
                    boolean known = tables.containsKey(lower) || aliases.containsKey(lower) || schema.isColumn(x.text());
                    t.set(i, reserved && known ? new SqlToken(Kind.IDENT, spelled) : SqlToken.word(spelled));
                }
                default -> { }
            }
        }
    }

    /** Aliases as first written: the name after AS, or right after a table name. */
    private Map<String, String> aliases(Map<String, String> tables) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < t.size(); i++) {
            SqlToken x = t.get(i);
            SqlToken next = t.get(i + 1);
            boolean afterAs = x.isWord("AS") && (next.isName() || next.kind() == Kind.DQUOTED);
            boolean afterTable = (x.isName() || x.kind() == Kind.DQUOTED) && tables.containsKey(x.text().toLowerCase(Locale.ROOT))
                    && next.kind() == Kind.WORD && !SqlWords.KEYWORDS.contains(next.upper())
                    && (i == 0 || !t.get(i - 1).isSymbol("."));
            if (afterAs || afterTable) out.putIfAbsent(next.text().toLowerCase(Locale.ROOT), next.text());
        }
        return out;
    }

    // ---- operators ------------------------------------------------------------------------------

    private void operators() {
        for (int i = 0; i < t.size(); i++) {
            SqlToken x = t.get(i);
            if (x.isSymbol("==")) t.set(i, SqlToken.symbol("="));
            else if (x.isWord("GLOB")) throw new UnsupportedSql("GLOB");
            else if (x.isWord("NULLS")) throw new UnsupportedSql("NULLS FIRST/LAST");
            else if (x.isWord("IS")) isOperand(i);
            else if (x.isWord("COLLATE")) {
                // The tables use the server's case-insensitive collation, which is what NOCASE asks for.
                if (i + 1 < t.size() && t.get(i + 1).isWord("NOCASE")) {
                    t.subList(i, i + 2).clear();
                    i--;
                } else {
                    throw new UnsupportedSql("COLLATE " + (i + 1 < t.size() ? t.get(i + 1).upper() : ""));
                }
            }
        }
    }

    /** SQLite's IS compares any two values; MySQL's only tests NULL, TRUE and FALSE. */
    private void isOperand(int i) {
        int j = i + 1;
        if (j < t.size() && t.get(j).isWord("NOT")) j++;
        if (j < t.size() && (t.get(j).isWord("NULL") || t.get(j).isWord("TRUE") || t.get(j).isWord("FALSE"))) return;
        throw new UnsupportedSql("IS with a value");
    }

    // ---- functions ------------------------------------------------------------------------------

    private void functions() {
        Set<String> tables = schema.tableSpellings().keySet();
        for (int i = 0; i + 1 < t.size(); i++) {
            SqlToken x = t.get(i);
            if (x.kind() != Kind.WORD || !t.get(i + 1).isSymbol("(") || SqlWords.KEYWORDS.contains(x.upper())) continue;
            if (tables.contains(x.text().toLowerCase(Locale.ROOT))) continue; // WITH t(a, b) AS ...
            if (i > 0 && t.get(i - 1).isWord("AS")) continue; // CAST(x AS DECIMAL(10, 2))
            int close = match(i + 1);
            List<int[]> args = arguments(i + 2, close - 1);
            String name = x.upper();
            switch (name) {
                case "IIF" -> {
                    if (args.size() != 3) throw new UnsupportedSql("IIF with " + args.size() + " arguments");
                    t.set(i, SqlToken.word("IF"));
                }
                // SQLite counts characters; MySQL's LENGTH counts bytes.
                case "LENGTH" -> t.set(i, SqlToken.word("CHAR_LENGTH"));
                case "MAX", "MIN" -> {
                    if (args.size() >= 2) t.set(i, SqlToken.word(name.equals("MAX") ? "GREATEST" : "LEAST"));
                }
                case "TRIM" -> {
                    if (args.size() != 1) throw new UnsupportedSql("TRIM with characters");
                }
                case "GROUP_CONCAT" -> groupConcat(args);
                case "STRFTIME" -> strftime(i, close, args);
                case "DATE" -> date(i, close, args);
                case "CAST" -> cast(i + 2, close - 1);
                default -> {
                    if (!SqlWords.SAME_FUNCTIONS.contains(name)) throw new UnsupportedSql("function " + name.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private void groupConcat(List<int[]> args) {
        if (args.size() == 1) return;
        if (args.size() != 2 || args.get(1)[0] != args.get(1)[1] || t.get(args.get(1)[0]).kind() != Kind.STRING) {
            throw new UnsupportedSql("GROUP_CONCAT separator that is not a string");
        }
        t.set(args.get(1)[0] - 1, SqlToken.word("SEPARATOR")); // the comma before the separator
    }

    /** strftime(FORMAT, VALUE) → DATE_FORMAT(VALUE, FORMAT'), for the conversions both know. */
    private void strftime(int at, int close, List<int[]> args) {
        if (args.size() != 2) throw new UnsupportedSql("strftime with " + args.size() + " arguments");
        SqlToken format = single(args.get(0));
        if (format == null || format.kind() != Kind.STRING) throw new UnsupportedSql("strftime with a computed format");
        refuseNow(args.get(1));
        StringBuilder f = new StringBuilder();
        String s = format.text();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '%') {
                f.append(c);
                continue;
            }
            if (++k >= s.length()) throw new UnsupportedSql("strftime format ending in %");
            f.append(switch (s.charAt(k)) {
                case 'Y' -> "%Y";
                case 'm' -> "%m";
                case 'd' -> "%d";
                case 'H' -> "%H";
                case 'M' -> "%i";
                case 'S' -> "%s";
                case 'j' -> "%j";
                case 'w' -> "%w";
                case '%' -> "%%";
                default -> throw new UnsupportedSql("strftime %" + s.charAt(k));
            });
        }
        List<SqlToken> out = new ArrayList<>();
        out.add(SqlToken.word("DATE_FORMAT"));
        out.add(SqlToken.symbol("("));
        out.addAll(t.subList(args.get(1)[0], args.get(1)[1] + 1));
        out.add(SqlToken.symbol(","));
        out.add(new SqlToken(Kind.STRING, f.toString()));
        out.add(SqlToken.symbol(")"));
        replace(at, close, out);
    }

    /** SQLite's date(VALUE) is text; MySQL's DATE() is a date value, so it becomes DATE_FORMAT(VALUE, '%Y-%m-%d'). */
    private void date(int at, int close, List<int[]> args) {
        if (args.size() != 1) throw new UnsupportedSql("date with modifiers");
        refuseNow(args.getFirst());
        t.set(at, SqlToken.word("DATE_FORMAT"));
        t.add(close, new SqlToken(Kind.STRING, "%Y-%m-%d"));
        t.add(close, SqlToken.symbol(","));
    }

    private void refuseNow(int[] arg) {
        SqlToken v = single(arg);
        if (v != null && v.kind() == Kind.STRING && v.text().equalsIgnoreCase("now")) throw new UnsupportedSql("'now' (the answer changes with the day)");
    }

    private void cast(int from, int to) {
        int as = -1;
        int depth = 0;
        for (int k = from; k <= to; k++) {
            if (t.get(k).isSymbol("(")) depth++;
            else if (t.get(k).isSymbol(")")) depth--;
            else if (depth == 0 && t.get(k).isWord("AS")) as = k;
        }
        if (as < 0 || as == to) throw new UnsupportedSql("CAST without a type");
        String type = t.get(as + 1).upper();
        List<SqlToken> mysql = switch (type) {
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT" -> List.of(SqlToken.word("SIGNED"));
            case "REAL", "FLOAT", "DOUBLE" -> List.of(SqlToken.word("DOUBLE"));
            case "NUMERIC", "DECIMAL" -> as + 1 == to ? List.of(SqlToken.word("DOUBLE")) : List.copyOf(t.subList(as + 1, to + 1));
            case "TEXT", "VARCHAR", "CHAR", "CLOB", "NVARCHAR", "NCHAR" -> List.of(SqlToken.word("CHAR"));
            default -> throw new UnsupportedSql("CAST AS " + type);
        };
        replace(as + 1, to, mysql);
    }

    // ---- || and / -------------------------------------------------------------------------------

    /** a || b || c → CONCAT(a, b, c); || binds tighter than any other operator in SQLite. */
    private void concatenation() {
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isSymbol("||")) continue;
            int start = primaryStart(i - 1);
            List<SqlToken> out = new ArrayList<>(List.of(SqlToken.word("CONCAT"), SqlToken.symbol("(")));
            out.addAll(t.subList(start, i));
            int end = i - 1;
            int op = i;
            while (op < t.size() && t.get(op).isSymbol("||")) {
                int e = primaryEnd(op + 1);
                out.add(SqlToken.symbol(","));
                out.addAll(t.subList(op + 1, e + 1));
                end = e;
                op = e + 1;
            }
            out.add(SqlToken.symbol(")"));
            replace(start, end, out);
            i = start;
        }
    }

    /** SQLite divides two integers to an integer; MySQL's / gives a decimal, its DIV an integer. */
    private void division() {
        for (int i = 1; i + 1 < t.size(); i++) {
            if (!t.get(i).isSymbol("/")) continue;
            int start = primaryStart(i - 1);
            while (start >= 2 && (t.get(start - 1).isSymbol("*") || t.get(start - 1).isSymbol("%") || t.get(start - 1).isWord("DIV")
                    || t.get(start - 1).isSymbol("/"))) {
                start = primaryStart(start - 2);
            }
            if (integerExpression(start, i - 1) && integerPrimary(i + 1, primaryEnd(i + 1))) t.set(i, SqlToken.word("DIV"));
        }
    }

    private boolean integerExpression(int from, int to) {
        int p = from;
        while (p <= to) {
            int e = primaryEnd(p);
            if (e > to || !integerPrimary(p, e)) return false;
            p = e + 1;
            if (p > to) return true;
            SqlToken op = t.get(p);
            // An integer "/" not yet rewritten (a later one, inside an operand) is still integer division in SQLite.
            if (!(op.isSymbol("+") || op.isSymbol("-") || op.isSymbol("*") || op.isSymbol("%") || op.isWord("DIV")
                    || op.isSymbol("/"))) return false;
            p++;
        }
        return false;
    }

    private boolean integerPrimary(int from, int to) {
        SqlToken x = t.get(from);
        if (from == to) {
            if (x.kind() == Kind.NUMBER) return x.text().chars().allMatch(Character::isDigit);
            return x.isName() && schema.isIntegerColumn(x.text());
        }
        if (x.isSymbol("-") || x.isSymbol("+")) return integerPrimary(from + 1, to);
        if (x.isSymbol("(")) return integerExpression(from + 1, to - 1);
        if (to == from + 2 && t.get(from + 1).isSymbol(".")) return schema.isIntegerColumn(t.get(to).text());
        if (x.kind() == Kind.WORD && t.get(from + 1).isSymbol("(")) {
            List<int[]> args = arguments(from + 2, to - 1);
            return switch (x.upper()) {
                case "COUNT", "CHAR_LENGTH", "INSTR" -> true;
                case "SUM", "MIN", "MAX", "ABS", "GREATEST", "LEAST" -> args.stream().allMatch(a -> integerExpression(a[0], a[1]));
                case "CAST" -> t.get(to - 1).isWord("SIGNED");
                default -> false;
            };
        }
        return false;
    }

    // ---- token structure ------------------------------------------------------------------------

    /** The last token of the operand that starts at {@code i}. */
    private int primaryEnd(int i) {
        if (i >= t.size()) throw new UnsupportedSql("operator without an operand");
        SqlToken x = t.get(i);
        if (x.isSymbol("(")) return match(i);
        if (x.isSymbol("-") || x.isSymbol("+")) return primaryEnd(i + 1);
        if (x.isWord("CASE")) return caseEnd(i);
        if (x.isName() && i + 1 < t.size() && t.get(i + 1).isSymbol("(") && !SqlWords.KEYWORDS.contains(x.upper())) return match(i + 1);
        if (x.isName() && i + 2 < t.size() && t.get(i + 1).isSymbol(".")) return i + 2;
        return i;
    }

    /** The first token of the operand that ends at {@code j}. */
    private int primaryStart(int j) {
        if (j < 0) throw new UnsupportedSql("operator without an operand");
        SqlToken x = t.get(j);
        if (x.isSymbol(")")) {
            int k = matchBack(j);
            if (k > 0 && t.get(k - 1).isName() && !SqlWords.KEYWORDS.contains(t.get(k - 1).upper())) return k - 1;
            return k;
        }
        if (x.isWord("END")) return caseStart(j);
        if (x.isName() && j >= 2 && t.get(j - 1).isSymbol(".")) return j - 2;
        return j;
    }

    private int match(int open) {
        return balancing(open, +1, x -> x.isSymbol("("), x -> x.isSymbol(")"), "unbalanced parentheses");
    }

    private int matchBack(int close) {
        return balancing(close, -1, x -> x.isSymbol(")"), x -> x.isSymbol("("), "unbalanced parentheses");
    }

    private int caseEnd(int start) {
        return balancing(start, +1, x -> x.isWord("CASE"), x -> x.isWord("END"), "CASE without END");
    }

    private int caseStart(int end) {
        return balancing(end, -1, x -> x.isWord("END"), x -> x.isWord("CASE"), "END without CASE");
    }

    /** The index of the token that balances the one at {@code from}, scanning in {@code step} (+1 or -1). */
    private int balancing(int from, int step, Predicate<SqlToken> deeper, Predicate<SqlToken> shallower, String unbalanced) {
        int depth = 0;
        for (int k = from; k >= 0 && k < t.size(); k += step) {
            if (deeper.test(t.get(k))) depth++;
            else if (shallower.test(t.get(k)) && --depth == 0) return k;
        }
        throw new UnsupportedSql(unbalanced);
    }

    /** The [from, to] ranges of the comma-separated arguments between two positions. */
    private List<int[]> arguments(int from, int to) {
        List<int[]> out = new ArrayList<>();
        if (from > to) return out;
        int depth = 0;
        int start = from;
        for (int k = from; k <= to; k++) {
            SqlToken x = t.get(k);
            if (x.isSymbol("(") || x.isWord("CASE")) depth++;
            else if (x.isSymbol(")") || x.isWord("END")) depth--;
            else if (depth == 0 && x.isSymbol(",")) {
                out.add(new int[] {start, k - 1});
                start = k + 1;
            }
        }
        out.add(new int[] {start, to});
        return out;
    }

    private SqlToken single(int[] range) {
        return range[0] == range[1] ? t.get(range[0]) : null;
    }

    private void replace(int from, int to, List<SqlToken> with) {
        List<SqlToken> copy = List.copyOf(with);
        t.subList(from, to + 1).clear();
        t.addAll(from, copy);
    }
}
