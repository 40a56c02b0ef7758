package kaizen.data.imports.texttosql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the translator writes for each dialect difference, and what it refuses. */
class SqliteToMysqlTest {
    static final Schema SCHEMA = new Schema(List.of(
            new Schema.Table("Vessel", List.of(col("vessel_id", Schema.MysqlType.BIGINT), col("name", Schema.MysqlType.TEXT),
                    col("rank", Schema.MysqlType.BIGINT), col("tonnage", Schema.MysqlType.DOUBLE), col("built", Schema.MysqlType.BIGINT))),
            new Schema.Table("crew member", List.of(col("vessel_id", Schema.MysqlType.BIGINT), col("role", Schema.MysqlType.TEXT)))));

    static Schema.Column col(String name, Schema.MysqlType type) {
        return new Schema.Column(name, type.name(), type);
    }

    static String tr(String sql) {
        return SqliteToMysql.translate(sql, SCHEMA);
    }

    static String refused(String sql) {
        return assertThrows(UnsupportedSql.class, () -> tr(sql)).getMessage();
    }

    @Test
    void doubleQuotesAreIdentifiersWhenTheSchemaHasOneAndStringsOtherwise() {
        assertEquals("SELECT `name` FROM Vessel WHERE name = 'Aurora'", tr("SELECT \"name\" FROM vessel WHERE name = \"Aurora\""));
        assertEquals("SELECT role FROM `crew member` WHERE role = 'it''s'", tr("SELECT role FROM [crew member] WHERE role = \"it's\""));
    }

    @Test
    void tableNamesAndAliasesGetOneSpellingBecauseMysqlComparesThemCaseSensitively() {
        assertEquals("SELECT T1.name FROM Vessel AS T1 JOIN `crew member` AS T2 ON T1.vessel_id = T2.vessel_id",
                tr("SELECT t1.name FROM VESSEL AS T1 JOIN \"crew member\" AS T2 ON T1.vessel_id = t2.vessel_id"));
        assertEquals("SELECT v.name FROM Vessel v", tr("SELECT V.name FROM vessel v"));
    }

    @Test
    void namesMysqlReservesAreQuotedButTheSameWordAsAFunctionIsNot() {
        assertEquals("SELECT name FROM Vessel WHERE `rank` = 1", tr("SELECT name FROM vessel WHERE rank = 1"));
        assertEquals("SELECT name, RANK() OVER (ORDER BY tonnage) FROM Vessel", tr("SELECT name, RANK() OVER (ORDER BY tonnage) FROM vessel"));
    }

    @Test
    void operatorsAndFunctions() {
        assertEquals("SELECT CONCAT(name, ' - ', (CONCAT(`rank`, 'x'))) FROM Vessel", tr("SELECT name || ' - ' || (rank || 'x') FROM vessel"));
        assertEquals("SELECT name FROM Vessel WHERE built = 1990", tr("SELECT name FROM vessel WHERE built == 1990;"));
        assertEquals("SELECT IF(tonnage > 1000, 'big', 'small') FROM Vessel", tr("SELECT iif(tonnage > 1000, 'big', 'small') FROM vessel"));
        assertEquals("SELECT CHAR_LENGTH(name) FROM Vessel", tr("SELECT length(name) FROM vessel"));
        assertEquals("SELECT GREATEST(built, 2000), max(built) FROM Vessel", tr("SELECT max(built, 2000), max(built) FROM vessel"));
        assertEquals("SELECT group_concat(name SEPARATOR '; ') FROM Vessel", tr("SELECT group_concat(name, '; ') FROM vessel"));
        assertEquals("SELECT DATE_FORMAT(built, '%Y-%m %H:%i:%s') FROM Vessel", tr("SELECT strftime('%Y-%m %H:%M:%S', built) FROM vessel"));
        assertEquals("SELECT DATE_FORMAT(built, '%Y-%m-%d') FROM Vessel", tr("SELECT date(built) FROM vessel"));
        assertEquals("SELECT name FROM Vessel WHERE name LIKE 'a%'", tr("SELECT name FROM vessel WHERE name LIKE 'a%' COLLATE NOCASE"));
        assertEquals("SELECT 'C:\\\\dock', '50%'", tr("SELECT 'C:\\dock', '50%'"));
    }

    @Test
    void castTypesAreMysqlsOwn() {
        assertEquals("SELECT CAST(tonnage AS SIGNED), CAST(built AS DOUBLE), CAST(built AS CHAR), CAST(tonnage AS DECIMAL(10, 2)) FROM Vessel",
                tr("SELECT CAST(tonnage AS INTEGER), CAST(built AS REAL), CAST(built AS TEXT), CAST(tonnage AS DECIMAL(10,2)) FROM vessel"));
    }

    @Test
    void integerDivisionBecomesDivOnlyWhenBothSidesAreIntegers() {
        assertEquals("SELECT count(*) DIV 2, sum(built) DIV count(*), built * 2 DIV 3 FROM Vessel",
                tr("SELECT count(*) / 2, sum(built) / count(*), built * 2 / 3 FROM vessel"));
        assertEquals("SELECT tonnage / 2, CAST(built AS DOUBLE) / 2, 2.0 * built / 3, built / 2.0 FROM Vessel",
                tr("SELECT tonnage / 2, CAST(built AS REAL) / 2, 2.0 * built / 3, built / 2.0 FROM vessel"));
        assertEquals("SELECT (built + 1) DIV 2 FROM Vessel", tr("SELECT (built + 1) / 2 FROM vessel"));
        assertEquals("SELECT -built DIV -2, built - -3 FROM Vessel WHERE built > -5", tr("SELECT -built / -2, built - -3 FROM vessel WHERE built > -5"));
        // Found by the property test: an integer quotient nested on the right of another division.
        assertEquals("SELECT (1 + 0) DIV ((2 + 0) DIV (0 + 1)), built DIV 2 DIV 3 FROM Vessel",
                tr("SELECT (1 + 0) / ((2 + 0) / (0 + 1)), built / 2 / 3 FROM vessel"));
    }

    @Test
    void whatHasNoSafeTranslationIsRefusedByName() {
        assertEquals("function julianday", refused("SELECT julianday(built) FROM vessel"));
        assertEquals("'now' (the answer changes with the day)", refused("SELECT strftime('%Y', 'now')"));
        assertEquals("strftime %s", refused("SELECT strftime('%s', built) FROM vessel"));
        assertEquals("GLOB", refused("SELECT name FROM vessel WHERE name GLOB 'A*'"));
        assertEquals("IS with a value", refused("SELECT name FROM vessel WHERE name IS 'x'"));
        assertEquals("not a query (DELETE)", refused("DELETE FROM vessel"));
        assertEquals("several statements", refused("SELECT 1; SELECT 2"));
        assertEquals("parameter ?", refused("SELECT name FROM vessel WHERE built = ?"));
        assertEquals("date with modifiers", refused("SELECT date(built, '+1 day') FROM vessel"));
    }

    @Test
    void orderMattersOnlyForTheOutermostOrderBy() {
        assertTrue(SqliteToMysql.ordered("SELECT name FROM vessel ORDER BY built"));
        assertFalse(SqliteToMysql.ordered("SELECT name FROM (SELECT name FROM vessel ORDER BY built LIMIT 3)"));
        assertEquals(List.of("Vessel", "crew member"), SqliteToMysql.tablesUsed("SELECT 1 FROM \"crew member\" JOIN vessel", SCHEMA));
    }
}
