package kaizen.env.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kaizen.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Observations from the real server compared with what Python's mysql.connector + str() prints
 * for the same statement on MySQL (expected texts written from Python's repr rules).
 */
class EpisodeDatabaseTest {
    private static TableSpec table(String name) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("1", "it's", "x"));
        rows.add(Arrays.asList("2.5", "say \"hi\"", null));
        rows.add(Arrays.asList("abc", "back\\slash\nnewline", "日本 🙂"));
        rows.add(Arrays.asList(7L, "both ' and \"", "tab\there"));
        return new TableSpec(name, List.of("a", "b c", "d"), rows);
    }

    private static String run(String sql) {
        try (EpisodeDatabase db = TestDatabase.environment().open(table("Obs Table"))) {
            return db.execute(sql);
        }
    }

    @Test
    void stringsUsePythonReprQuoting() {
        assertEquals("[('1', \"it's\"), ('2.5', 'say \"hi\"'), ('abc', 'back\\\\slash\\nnewline'), ('7', 'both \\' and \"')]",
                run("SELECT a, `b c` FROM `Obs Table`"));
    }

    @Test
    void noneUnicodeAndTabs() {
        assertEquals("[('x',), (None,), ('日本 🙂',), ('tab\\there',)]", run("SELECT d FROM `Obs Table`"));
    }

    @Test
    void numericTypesFollowTheConnector() {
        // COUNT -> int, SUM/AVG over TEXT -> float, integer division -> Decimal, literal decimal -> Decimal.
        assertEquals("[(4, 10.5, 2.625, Decimal('2.5000'), Decimal('1.50'), 10.0)]",
                run("SELECT COUNT(*), SUM(a), AVG(a), 5/2, CAST(1.5 AS DECIMAL(10,2)), 1e1 FROM `Obs Table`"));
    }

    @Test
    void emptyResultAndMutations() {
        assertEquals("[]", run("SELECT a FROM `Obs Table` WHERE a = 'nothing'"));
        assertEquals("[]", run("UPDATE `Obs Table` SET a = 'z' WHERE a = '1'"));
    }

    @Test
    void datesAndTimes() {
        assertEquals("[(datetime.date(2020, 1, 5), datetime.datetime(2020, 1, 5, 13, 4), datetime.timedelta(seconds=3661))]",
                run("SELECT DATE('2020-01-05'), TIMESTAMP('2020-01-05 13:04:00'), CAST('01:01:01' AS TIME)"));
    }

    @Test
    void errorsAsTheConnectorPrintsThemInMysqlWording() {
        assertEquals("1054 (42S22): Unknown column 'nosuch' in 'field list'", run("SELECT nosuch FROM `Obs Table`"));
        assertEquals("1054 (42S22): Unknown column 'nosuch' in 'where clause'", run("SELECT a FROM `Obs Table` WHERE nosuch = 1"));
        assertEquals("1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL "
                + "server version for the right syntax to use near 'SELEC a FROM `Obs Table`' at line 1", run("SELEC a FROM `Obs Table`"));
        assertEquals("1146 (42S02): Table 'Obs Table.nosuch' doesn't exist", run("SELECT * FROM nosuch"));
        assertEquals("1065 (42000): Query was empty", run(""));
    }

    @Test
    void multipleStatementsFailAtCommitAndAreRolledBack() {
        try (EpisodeDatabase db = TestDatabase.environment().open(table("Multi Table"))) {
            assertEquals(MysqlErrorText.COMMANDS_OUT_OF_SYNC, db.execute("UPDATE `Multi Table` SET a = 'q'; SELECT 1"));
            assertEquals("[(0,)]", db.execute("SELECT COUNT(*) FROM `Multi Table` WHERE a = 'q'"));
        }
    }

    @Test
    void longResultsAreCutAt800CodePoints() {
        String obs = run("SELECT REPEAT('🙂', 2000)");
        assertTrue(obs.endsWith(ObservationReader.TRUNCATED), obs);
        String body = obs.substring(0, obs.length() - ObservationReader.TRUNCATED.length());
        assertEquals(800, body.codePointCount(0, body.length()));
        assertTrue(body.startsWith("[('🙂🙂"));
    }

    @Test
    void tableHashMatchesTheReferenceFormat() {
        try (EpisodeDatabase db = TestDatabase.environment().open(table("Hash Table"))) {
            String hash = db.tableHash();
            assertTrue(hash.matches("\\[\\('[0-9a-f]{32}',\\)\\]"), hash);
            db.execute("DELETE FROM `Hash Table` WHERE a = '1'");
            assertTrue(!hash.equals(db.tableHash()));
        }
    }

    @Test
    void sessionStateDoesNotCarryOverBetweenStatements() {
        try (EpisodeDatabase db = TestDatabase.environment().open(table("Session Table"))) {
            assertEquals("[]", db.execute("SET @x = 5"));
            assertEquals("[(None,)]", db.execute("SELECT @x"));
        }
    }

    @Test
    void connector92ModeReturnsTheTypeErrorText() {
        DbEnvironment base = TestDatabase.environment();
        try (DbEnvironment v9 = new DbEnvironment(base.server(), base.options().withConnectorMode(ConnectorMode.V9_2));
                EpisodeDatabase db = v9.open(table("V9 Table"))) {
            assertEquals("CMySQLCursor.execute() got an unexpected keyword argument 'multi'", db.execute("SELECT 1"));
        }
    }
}
