package kaizen.data.imports.texttosql;

import java.util.ArrayList;
import java.util.List;
import kaizen.data.imports.texttosql.SqlToken.Kind;

/** Splits SQLite SQL into tokens; comments and whitespace are dropped. */
final class SqlTokenizer {
    private static final List<String> TWO_CHAR = List.of("||", "==", "!=", "<>", "<=", ">=", "<<", ">>");

    private SqlTokenizer() {}

    static List<SqlToken> tokenize(String sql) {
        List<SqlToken> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int e = sql.indexOf('\n', i);
                i = e < 0 ? n : e + 1;
            } else if (sql.startsWith("/*", i)) {
                int e = sql.indexOf("*/", i + 2);
                if (e < 0) throw new UnsupportedSql("unterminated comment");
                i = e + 2;
            } else if (c == '\'') {
                i = quoted(sql, i, '\'', '\'', Kind.STRING, out);
            } else if (c == '"') {
                i = quoted(sql, i, '"', '"', Kind.DQUOTED, out);
            } else if (c == '`') {
                i = quoted(sql, i, '`', '`', Kind.IDENT, out);
            } else if (c == '[') {
                int e = sql.indexOf(']', i + 1);
                if (e < 0) throw new UnsupportedSql("unterminated [identifier]");
                out.add(new SqlToken(Kind.IDENT, sql.substring(i + 1, e)));
                i = e + 1;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = number(sql, i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
                out.add(SqlToken.word(sql.substring(s, i)));
            } else if (c == '?' || c == ':' || c == '@' || c == '$') {
                throw new UnsupportedSql("parameter " + c);
            } else if (i + 1 < n && TWO_CHAR.contains(sql.substring(i, i + 2))) {
                out.add(SqlToken.symbol(sql.substring(i, i + 2)));
                i += 2;
            } else if ("(),.;=<>+-*/%&|~".indexOf(c) >= 0) {
                out.add(SqlToken.symbol(String.valueOf(c)));
                i++;
            } else {
                throw new UnsupportedSql("character '" + c + "'");
            }
        }
        return out;
    }

    /** A quoted token whose quote is escaped by doubling it. */
    private static int quoted(String sql, int start, char open, char close, Kind kind, List<SqlToken> out) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= sql.length()) throw new UnsupportedSql("unterminated " + open + "quote");
            char c = sql.charAt(i);
            if (c == close) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == close) {
                    text.append(close);
                    i += 2;
                    continue;
                }
                out.add(new SqlToken(kind, text.toString()));
                return i + 1;
            }
            text.append(c);
            i++;
        }
    }

    private static int number(String sql, int start, List<SqlToken> out) {
        int i = start;
        int n = sql.length();
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
            while (i < n && Character.digit(sql.charAt(i), 16) >= 0) i++;
        } else {
            while (i < n && Character.isDigit(sql.charAt(i))) i++;
            if (i < n && sql.charAt(i) == '.') {
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) i++;
            }
            if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) j++;
                if (j < n && Character.isDigit(sql.charAt(j))) {
                    i = j;
                    while (i < n && Character.isDigit(sql.charAt(i))) i++;
                }
            }
        }
        out.add(new SqlToken(Kind.NUMBER, sql.substring(start, i)));
        return i;
    }

    /** Writes tokens back as one line, spaced the way people write SQL. */
    static String join(List<SqlToken> tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (i > 0 && spaceBetween(tokens.get(i - 1), t) && !(i > 1 && unarySign(tokens.get(i - 2), tokens.get(i - 1)))) out.append(' ');
            out.append(t.mysql());
        }
        return out.toString();
    }

    /** A sign that starts an operand (after an operator, a comma, "(" or a keyword) is written next to it: -5. */
    private static boolean unarySign(SqlToken before, SqlToken sign) {
        if (!(sign.isSymbol("-") || sign.isSymbol("+"))) return false;
        if (before.kind() == Kind.SYMBOL) return !before.isSymbol(")");
        return before.kind() == Kind.WORD && SqlWords.KEYWORDS.contains(before.upper());
    }

    private static boolean spaceBetween(SqlToken prev, SqlToken t) {
        if (t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(".") || t.isSymbol(";")) return false;
        if (prev.isSymbol("(") || prev.isSymbol(".")) return false;
        // f(x), COUNT(*), but keep "IN (", "AS (", "AND (" spaced
        if (t.isSymbol("(") && prev.kind() == Kind.WORD && !SqlWords.KEYWORDS.contains(prev.upper())) return false;
        return true;
    }
}
