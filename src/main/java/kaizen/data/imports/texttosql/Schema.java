package kaizen.data.imports.texttosql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The tables of one database as loaded into MySQL: names exactly as SQLite has them, and each column's MySQL type. */
record Schema(List<Table> tables) {
    Schema {
        tables = List.copyOf(tables);
    }

    record Column(String name, String sqliteType, MysqlType type) {}

    record Table(String name, List<Column> columns) {
        Table {
            columns = List.copyOf(columns);
        }

        List<String> headers() {
            return columns.stream().map(Column::name).toList();
        }
    }

    /** The MySQL column types an SQLite column becomes (see {@link SqliteDatabase#profile}). */
    enum MysqlType {
        BIGINT("BIGINT"), DOUBLE("DOUBLE"), TEXT("TEXT"), LONGTEXT("LONGTEXT"), LONGBLOB("LONGBLOB");

        final String sql;

        MysqlType(String sql) {
            this.sql = sql;
        }
    }

    /** A table by name, ignoring case as SQLite does. */
    Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    boolean isColumn(String name) {
        return tables.stream().flatMap(t -> t.columns().stream()).anyMatch(c -> c.name().equalsIgnoreCase(name));
    }

    /** True when every column of this name (in any table) holds integers only. */
    boolean isIntegerColumn(String name) {
        List<Column> cs = tables.stream().flatMap(t -> t.columns().stream()).filter(c -> c.name().equalsIgnoreCase(name)).toList();
        return !cs.isEmpty() && cs.stream().allMatch(c -> c.type() == MysqlType.BIGINT);
    }

    /** Lower-cased name → the schema's own spelling, for tables. */
    Map<String, String> tableSpellings() {
        Map<String, String> m = new HashMap<>();
        for (Table t : tables) m.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t.name());
        return m;
    }

    List<String> tableNames() {
        List<String> out = new ArrayList<>();
        for (Table t : tables) out.add(t.name());
        return out;
    }
}
