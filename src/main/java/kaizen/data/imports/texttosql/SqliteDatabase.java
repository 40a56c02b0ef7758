package kaizen.data.imports.texttosql;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kaizen.core.KaizenException;
import kaizen.core.python.PyBytes;
import kaizen.core.python.PyFloat;
import kaizen.core.python.PyInt;
import kaizen.core.python.PyNone;
import kaizen.core.python.PyStr;
import kaizen.core.python.PyValue;

/** One dataset database, opened read-only with sqlite-jdbc: its schema, its rows, and gold queries run on it. */
final class SqliteDatabase implements AutoCloseable {
    /** Longest text a TEXT column holds (64 KiB bytes, 4 bytes a character at worst); longer goes to LONGTEXT. */
    private static final int TEXT_CHARS = 16_383;
    private static final int QUERY_SECONDS = 60;

    private final Path file;
    private final Connection c;

    SqliteDatabase(Path file) {
        this.file = file;
        try {
            this.c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        } catch (SQLException e) {
            throw new KaizenException(file + ": cannot open as SQLite: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * The schema with each column's MySQL type, chosen from the values SQLite really stores
     * (SQLite's types are per value, its declared types only a preference): integers only →
     * BIGINT; integers and reals → DOUBLE; any text → TEXT (LONGTEXT when long); any blob →
     * LONGBLOB; no values at all → from the declared type's affinity.
     */
    Schema profile() throws SQLException {
        List<Schema.Table> tables = new ArrayList<>();
        for (String table : tableNames()) {
            List<String[]> declared = columns(table);
            int n = declared.size();
            boolean[] ints = new boolean[n];
            boolean[] reals = new boolean[n];
            boolean[] texts = new boolean[n];
            boolean[] blobs = new boolean[n];
            int[] longest = new int[n];
            StringBuilder q = new StringBuilder("SELECT ");
            for (int i = 0; i < n; i++) {
                String col = quote(declared.get(i)[0]);
                if (i > 0) q.append(", ");
                q.append("typeof(").append(col).append("), max(length(").append(col).append("))");
            }
            q.append(" FROM ").append(quote(table)).append(" GROUP BY ");
            for (int i = 0; i < n; i++) q.append(i > 0 ? ", " : "").append("typeof(").append(quote(declared.get(i)[0])).append(")");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q.toString())) {
                while (rs.next()) {
                    for (int i = 0; i < n; i++) {
                        switch (rs.getString(2 * i + 1)) {
                            case "integer" -> ints[i] = true;
                            case "real" -> reals[i] = true;
                            case "text" -> {
                                texts[i] = true;
                                longest[i] = Math.max(longest[i], rs.getInt(2 * i + 2));
                            }
                            case "blob" -> blobs[i] = true;
                            default -> { }
                        }
                    }
                }
            }
            List<Schema.Column> cols = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Schema.MysqlType type = blobs[i] ? Schema.MysqlType.LONGBLOB
                        : texts[i] ? (longest[i] > TEXT_CHARS ? Schema.MysqlType.LONGTEXT : Schema.MysqlType.TEXT)
                        : reals[i] ? Schema.MysqlType.DOUBLE
                        : ints[i] ? Schema.MysqlType.BIGINT
                        : affinity(declared.get(i)[1]);
                cols.add(new Schema.Column(declared.get(i)[0], declared.get(i)[1], type));
            }
            tables.add(new Schema.Table(table, cols));
        }
        return new Schema(tables);
    }

    /** SQLite's type affinity rules (section 3.1 of its datatype page), for a column that holds no values. */
    static Schema.MysqlType affinity(String declared) {
        String d = declared.toUpperCase(Locale.ROOT);
        if (d.contains("INT")) return Schema.MysqlType.BIGINT;
        if (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT")) return Schema.MysqlType.TEXT;
        if (d.contains("BLOB") || d.isEmpty()) return Schema.MysqlType.LONGBLOB;
        if (d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB")) return Schema.MysqlType.DOUBLE;
        return Schema.MysqlType.DOUBLE; // NUMERIC affinity
    }

    List<String> tableNames() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** [name, declared type] per column, in order. */
    private List<String[]> columns(String table) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, type FROM pragma_table_info(?) ORDER BY cid")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2)});
            }
        }
        return out;
    }

    /** Columns worth an index in MySQL: primary-key, foreign-key and indexed columns (joins on big tables need them). */
    Set<String> keyColumns(String table) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 UNION SELECT \"from\" FROM pragma_foreign_key_list(?1)"
                        + " UNION SELECT ii.name FROM pragma_index_list(?1) il, pragma_index_info(il.name) ii WHERE ii.name IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Streams a table's rows to {@code each}, one value per column (Long, Double, String, byte[] or null). */
    void rows(String table, RowConsumer each) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + quote(table))) {
            int n = rs.getMetaData().getColumnCount();
            Object[] row = new Object[n];
            while (rs.next()) {
                for (int i = 0; i < n; i++) row[i] = value(rs, i + 1);
                each.accept(row);
            }
        }
    }

    @FunctionalInterface
    interface RowConsumer {
        void accept(Object[] row) throws SQLException;
    }

    /**
     * Runs a gold query and returns at most {@code maxRows} rows as the Python values mysql.connector
     * would show for them, or fewer when the query has fewer; a failing query throws.
     */
    List<List<PyValue>> query(String sql, int maxRows) throws SQLException {
        List<List<PyValue>> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(QUERY_SECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (out.size() < maxRows && rs.next()) {
                    List<PyValue> row = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) row.add(python(value(rs, i + 1)));
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, int col) throws SQLException {
        Object v = rs.getObject(col);
        return switch (v) {
            case null -> null;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Double d -> d;
            case Float f -> f.doubleValue();
            case String s -> s;
            case byte[] b -> b;
            default -> v.toString();
        };
    }

    static PyValue python(Object v) {
        return switch (v) {
            case null -> new PyNone();
            case Long l -> new PyInt(BigInteger.valueOf(l));
            case Double d -> new PyFloat(d);
            case String s -> new PyStr(s);
            case byte[] b -> new PyBytes(b);
            default -> new PyStr(v.toString());
        };
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
    }
}
