package kaizen.data.imports.texttosql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import kaizen.env.db.DatabaseLoader;
import kaizen.env.db.TableSpec;

/**
 * Copies an SQLite database into the new MySQL database: one table per SQLite table, same names
 * (backtick-quoted, so spaces, quotes and reserved words survive), columns typed by
 * {@link SqliteDatabase#profile}, rows streamed in batches, then an index on every key column.
 * Text keeps the server's default collation (case-insensitive, as DBBench's tables have).
 */
record MysqlLoad(SqliteDatabase sqlite, Schema schema) implements DatabaseLoader {
    private static final int BATCH = 500;
    /** Index prefix for text columns (MySQL cannot index a whole TEXT). */
    private static final int PREFIX = 64;

    @Override
    public void load(Connection c) throws SQLException {
        for (Schema.Table table : schema.tables()) {
            try (Statement st = c.createStatement()) {
                st.execute(createTable(table));
            }
            copyRows(c, table);
            index(c, table);
        }
    }

    static String createTable(Schema.Table table) {
        return "CREATE TABLE " + TableSpec.quote(escape(table.name())) + " ("
                + String.join(", ", table.columns().stream().map(col -> TableSpec.quote(escape(col.name())) + " " + col.type().sql).toList())
                + ")";
    }

    /** A backtick inside a name is doubled in MySQL. */
    static String escape(String name) {
        return name.replace("`", "``");
    }

    private void copyRows(Connection c, Schema.Table table) throws SQLException {
        List<Schema.Column> cols = table.columns();
        String sql = "INSERT INTO " + TableSpec.quote(escape(table.name())) + " VALUES ("
                + String.join(",", java.util.Collections.nCopies(cols.size(), "?")) + ")";
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int[] pending = {0};
            sqlite.rows(table.name(), row -> {
                for (int i = 0; i < cols.size(); i++) bind(ps, i + 1, row[i], cols.get(i).type());
                ps.addBatch();
                if (++pending[0] == BATCH) {
                    ps.executeBatch();
                    pending[0] = 0;
                }
            });
            if (pending[0] > 0) ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void bind(PreparedStatement ps, int k, Object v, Schema.MysqlType type) throws SQLException {
        if (v == null) {
            ps.setNull(k, type == Schema.MysqlType.LONGBLOB ? Types.BLOB : Types.VARCHAR);
            return;
        }
        switch (type) {
            case BIGINT -> ps.setLong(k, (Long) v);
            case DOUBLE -> ps.setDouble(k, ((Number) v).doubleValue());
            case TEXT, LONGTEXT -> ps.setString(k, v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : v instanceof Double d ? sqliteText(d) : v.toString());
            case LONGBLOB -> ps.setBytes(k, v instanceof byte[] b ? b : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A real stored in a text column reads as SQLite writes it: 3.0, 0.5, 1.0e+20. */
    static String sqliteText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(java.util.Locale.ROOT, "%.1f", d);
        String s = Double.toString(d);
        return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
    }

    private void index(Connection c, Schema.Table table) throws SQLException {
        int n = 0;
        for (String col : sqlite.keyColumns(table.name())) {
            Schema.Column column = table.columns().stream().filter(x -> x.name().equals(col)).findFirst().orElse(null);
            if (column == null) continue;
            boolean prefixed = column.type() != Schema.MysqlType.BIGINT && column.type() != Schema.MysqlType.DOUBLE;
            try (Statement st = c.createStatement()) {
                st.execute("CREATE INDEX `kz_" + (++n) + "` ON " + TableSpec.quote(escape(table.name())) + " ("
                        + TableSpec.quote(escape(col)) + (prefixed ? "(" + PREFIX + ")" : "") + ")");
            }
        }
    }
}
