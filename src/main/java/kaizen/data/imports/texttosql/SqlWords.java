package kaizen.data.imports.texttosql;

import java.util.Set;

/** Word lists the translator needs. */
final class SqlWords {
    private SqlWords() {}

    /** Words that are SQL syntax, never a function name, even when "(" follows. */
    static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "EXISTS", "AS", "ON", "JOIN",
            "INNER", "LEFT", "RIGHT", "OUTER", "CROSS", "NATURAL", "USING", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET",
            "UNION", "ALL", "INTERSECT", "EXCEPT", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "IS", "NULL", "LIKE",
            "BETWEEN", "ASC", "DESC", "WITH", "RECURSIVE", "OVER", "PARTITION", "VALUES", "INTO", "ESCAPE", "ROWS", "RANGE",
            "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "UNBOUNDED", "SEPARATOR", "DIV");

    /**
     * Words MySQL 8/9 reserves that SQLite lets a schema use as bare names (Spider has columns
     * called {@code rank}, a BIRD table {@code match}...); such names are written in backticks.
     */
    static final Set<String> MYSQL_ONLY_RESERVED = Set.of("RANK", "ROWS", "GROUPS", "DENSE_RANK", "ROW_NUMBER", "PERCENT_RANK",
            "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "CONDITION", "DIV", "MOD", "DUAL",
            "INTERVAL", "KEYS", "LOAD", "LOCK", "LONG", "MATCH", "MAXVALUE", "OPTION", "READ", "RELEASE", "REQUIRE", "SCHEMA",
            "SEPARATOR", "SHOW", "SQL", "STARTING", "USAGE", "USE", "WRITE", "ZEROFILL", "CHANGE", "FULLTEXT", "SPATIAL", "INT",
            "INTEGER", "REAL", "FLOAT", "DOUBLE", "DECIMAL", "NUMERIC", "CHAR", "VARCHAR", "BINARY", "SYSTEM", "LATERAL", "EMPTY",
            "CUBE", "GROUPING", "MEMBER", "FUNCTION", "SIGNAL", "RETURN", "LEAVE", "ITERATE", "LOOP", "REPEAT", "OUT", "INOUT",
            "KILL", "PURGE", "RENAME", "SPECIFIC", "TRIGGER", "UNDO", "UNLOCK", "YEAR_MONTH", "DAY_HOUR", "HOUR_MINUTE", "SECOND_MICROSECOND",
            "ACCESSIBLE", "ANALYZE", "DATABASE", "DATABASES", "DELAYED", "DESCRIBE", "ENCLOSED", "ESCAPED", "EXIT", "FORCE",
            "HIGH_PRIORITY", "IGNORE", "INFILE", "KEY", "LINES", "LOW_PRIORITY", "MODIFIES", "OPTIMIZE", "OPTIONALLY", "OUTFILE",
            "PROCEDURE", "READS", "REGEXP", "RLIKE", "SENSITIVE", "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SSL",
            "STRAIGHT_JOIN", "TERMINATED", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "BLOB", "UTC_DATE", "VARYING",
            "WHILE", "XOR");

    /** SQLite functions MySQL has under the same name with the same meaning for the arguments SQLite data has. */
    static final Set<String> SAME_FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "ABS", "ROUND", "UPPER", "LOWER", "LTRIM", "RTRIM",
            "REPLACE", "SUBSTR", "SUBSTRING", "INSTR", "COALESCE", "IFNULL", "NULLIF", "CAST", "ROW_NUMBER", "RANK", "DENSE_RANK",
            "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "CONCAT");
}
