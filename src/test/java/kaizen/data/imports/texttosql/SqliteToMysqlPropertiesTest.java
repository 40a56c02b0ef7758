package kaizen.data.imports.texttosql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import kaizen.core.python.PyValue;
import kaizen.env.db.EpisodeDatabase;
import kaizen.testing.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The translation checked by executing both sides: the SQLite original on SQLite, the
 * translation on the embedded MariaDB, results compared as the importer compares them.
 */
class SqliteToMysqlPropertiesTest {
    static final Schema EMPTY = new Schema(List.of());
    private static EpisodeDatabase mysql;
    private static Connection sqlite;

    static synchronized EpisodeDatabase mysql() {
        if (mysql == null) mysql = TestDatabase.environment().open("kz_translate_props", c -> { });
        return mysql;
    }

    static synchronized Connection sqlite() throws SQLException {
        if (sqlite == null) sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
        return sqlite;
    }

    @AfterContainer
    static void close() throws SQLException {
        if (mysql != null) mysql.close();
        if (sqlite != null) sqlite.close();
    }

    /** Runs a one-row SELECT on both sides; true when the results match. */
    static boolean sameOnBoth(String sqliteSql) throws SQLException {
        List<List<PyValue>> expected;
        try (var st = sqlite().createStatement(); var rs = st.executeQuery(sqliteSql)) {
            rs.next();
            expected = List.of(List.of(SqliteDatabase.python(rs.getObject(1) instanceof Integer i ? (Object) i.longValue() : rs.getObject(1))));
        }
        String obs = mysql().execute(SqliteToMysql.translate(sqliteSql, EMPTY));
        var rows = TextToSqlImporter.rows(obs);
        assertTrue(rows.isPresent(), obs);
        return ResultMatch.same(expected, rows.get(), true);
    }

    @Provide
    Arbitrary<String> integerExpressions() {
        return Arbitraries.recursive(() -> Arbitraries.integers().between(-30, 30).map(i -> i < 0 ? "(" + i + ")" : Integer.toString(i)),
                e -> net.jqwik.api.Combinators.combine(e, Arbitraries.of("+", "-", "*", "/", "%"), e, Arbitraries.of(true, false))
                        .as((a, op, b, paren) -> paren ? "(" + a + " " + op + " " + b + ")" : a + " " + op + " " + b),
                0, 4);
    }

    /** SQLite divides integers to an integer; the translation must too, with every precedence and sign. */
    @Property(tries = 40)
    void integerArithmeticGivesTheSameNumber(@ForAll("integerExpressions") String expr) throws SQLException {
        String sql = "SELECT " + expr;
        assertTrue(sameOnBoth(sql), () -> sql + " → " + SqliteToMysql.translate(sql, EMPTY));
    }

    @Provide
    Arbitrary<String> awkwardText() {
        return Arbitraries.strings().withChars("ab'\"\\%_ é\t").ofMaxLength(12);
    }

    /** Quotes, backslashes and wildcards in literals survive, in either quoting, through ||. */
    @Property(tries = 25)
    void stringLiteralsAndConcatenationSurvive(@ForAll("awkwardText") String a, @ForAll("awkwardText") String b) throws SQLException {
        String sql = "SELECT '" + a.replace("'", "''") + "' || \"" + b.replace("\"", "\"\"") + "\"";
        assertTrue(sameOnBoth(sql), () -> sql + " → " + SqliteToMysql.translate(sql, EMPTY));
    }

    /** Writing tokens back and reading them again gives the same tokens. */
    @Property(tries = 300)
    void joinThenTokenizeIsStable(@ForAll("integerExpressions") String expr, @ForAll("awkwardText") String text) {
        List<SqlToken> once = SqlTokenizer.tokenize("SELECT " + expr + ", '" + text.replace("'", "''") + "' AS `a b` FROM [t]");
        List<SqlToken> twice = SqlTokenizer.tokenize(SqlTokenizer.join(once).replace("\\\\", "\\"));
        assertEquals(once.stream().map(t -> t.kind() == SqlToken.Kind.IDENT ? t.text() : t.text()).toList(),
                twice.stream().map(SqlToken::text).toList());
    }
}
