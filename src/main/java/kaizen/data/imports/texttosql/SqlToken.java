package kaizen.data.imports.texttosql;

import java.util.Locale;

/**
 * One lexical token of an SQL statement. {@code text} is the token without its quoting: a
 * string's content, a quoted identifier's name.
 */
record SqlToken(Kind kind, String text) {
    enum Kind {
        /** A bare word: keyword, function name or unquoted identifier. */
        WORD,
        /** An identifier quoted with backticks or brackets (written back with backticks). */
        IDENT,
        /** A double-quoted name: SQLite reads it as an identifier when one exists, else as a string. */
        DQUOTED,
        /** A single-quoted string literal. */
        STRING,
        NUMBER,
        /** Operators and punctuation: ( ) , . ; || == != <> <= >= < > = + - * / % and the like. */
        SYMBOL
    }

    static SqlToken word(String w) {
        return new SqlToken(Kind.WORD, w);
    }

    static SqlToken symbol(String s) {
        return new SqlToken(Kind.SYMBOL, s);
    }

    boolean isSymbol(String s) {
        return kind == Kind.SYMBOL && text.equals(s);
    }

    /** A bare word equal to {@code w}, ignoring case. */
    boolean isWord(String w) {
        return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    boolean isName() {
        return kind == Kind.WORD || kind == Kind.IDENT;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** The token as MySQL reads it (strings with MySQL's escapes, identifiers in backticks). */
    String mysql() {
        return switch (kind) {
            case WORD, NUMBER, SYMBOL -> text;
            case IDENT, DQUOTED -> "`" + text.replace("`", "``") + "`";
            // The server runs without NO_BACKSLASH_ESCAPES, so a backslash must be doubled to stay one.
            case STRING -> "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
        };
    }
}
