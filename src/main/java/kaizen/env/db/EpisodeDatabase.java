package kaizen.env.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import kaizen.core.KaizenException;

/**
 * One episode's database: built from a {@link TableSpec} (or filled by a {@link DatabaseLoader}),
 * queried by the agent through {@link #execute}, hashed for mutation scoring, dropped on {@link #close}.
 */
public final class EpisodeDatabase implements AutoCloseable {
    private final DbEnvironment env;
    private final String name;
    /** The DBBench table this database was built from; null for one filled by a {@link DatabaseLoader}. */
    private final TableSpec table;
    private final DatabaseLoader loader;
    private final String account;
    private final String password;
    private final Semaphore nameLock;
    private boolean closed;
    private String buildError = "";

    EpisodeDatabase(DbEnvironment env, String name, TableSpec table, DatabaseLoader loader, String account, String password,
            Semaphore nameLock) {
        this.env = env;
        this.name = name;
        this.table = table;
        this.loader = loader;
        this.account = account;
        this.password = password;
        this.nameLock = nameLock;
    }

    public String databaseName() {
        return name;
    }

    /** The error that stopped the table build, as the reference would have seen it; empty when it built. */
    public String buildError() {
        return buildError;
    }

    void build() {
        String db = TableSpec.quote(name);
        try (DbEnvironment.AdminSession admin = env.admin(); Statement st = admin.connection.createStatement()) {
            Connection c = admin.connection;
            if (env.server().throwaway() && env.mayHaveLeftover(name)) st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE IF NOT EXISTS " + db);
            st.execute("USE " + db);
            try {
                if (loader != null) {
                    loader.load(c);
                } else {
                    st.execute("CREATE TABLE IF NOT EXISTS " + db + " ("
                            + String.join(",", table.columns().stream().map(col -> TableSpec.quote(col) + " TEXT").toList()) + ")");
                    insertRows(c);
                }
            } catch (SQLException e) {
                // The reference sends the build as one multi-statement and ignores its result:
                // a failing statement (an empty column name, say) just leaves the rest undone.
                buildError = MysqlErrorText.of(e);
                admin.broken();
            }
            st.execute("CREATE USER '" + account + "'@'%' IDENTIFIED BY '" + password + "'");
            st.execute("GRANT ALL PRIVILEGES ON " + grantPattern(name) + ".* TO '" + account + "'@'%'");
        } catch (SQLException e) {
            dropQuietly();
            throw new KaizenException("cannot build the database '" + name + "': " + MysqlErrorText.of(e), e);
        }
    }

    private void insertRows(Connection c) throws SQLException {
        if (table.rows().isEmpty()) return;
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(TableSpec.quote(table.name()))
                .append(" (").append(table.quotedColumns()).append(") VALUES ");
        for (int r = 0; r < table.rows().size(); r++) {
            if (r > 0) sql.append(',');
            sql.append('(');
            for (int i = 0; i < table.rows().get(r).size(); i++) sql.append(i == 0 ? "?" : ",?");
            sql.append(')');
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int k = 1;
            for (List<Object> row : table.rows()) {
                for (Object v : row) bind(ps, k++, v);
            }
            ps.executeUpdate();
        }
    }

    // Python's connector sends numbers as numeric literals, so MySQL stores their own text.
    private static void bind(PreparedStatement ps, int k, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(k, java.sql.Types.VARCHAR);
            case String s -> ps.setString(k, s);
            case Long l -> ps.setLong(k, l);
            case Integer i -> ps.setLong(k, i);
            case BigInteger b -> ps.setBigDecimal(k, new BigDecimal(b));
            case BigDecimal d -> ps.setBigDecimal(k, d);
            case Boolean b -> ps.setLong(k, b ? 1 : 0);
            case Double d -> ps.setBigDecimal(k, new BigDecimal(kaizen.core.python.PythonRepr.floatText(d)));
            default -> throw new IllegalArgumentException("cannot bind " + v.getClass().getSimpleName());
        }
    }

    /** GRANT treats _ and % in database names as wildcards; escape them so the grant names one database. */
    static String grantPattern(String name) {
        return TableSpec.quote(name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%"));
    }

    /**
     * Runs the agent's SQL the way the reference's Container.execute does — a fresh session,
     * {@code USE db}, the statement, fetchall(), commit — and returns the observation text.
     */
    public String execute(String sql) {
        if (env.options().connectorMode() == ConnectorMode.V9_2) return ConnectorMode.V9_TYPE_ERROR;
        return run(account, password, sql);
    }

    /**
     * The reference's table hash, as the text it compares with answer_md5, e.g.
     * {@code [('09aa8fbf72f39362970f95a1276b957c',)]}.
     */
    public String tableHash() {
        if (env.options().connectorMode() == ConnectorMode.V9_2) return ConnectorMode.V9_TYPE_ERROR;
        if (table == null) throw new IllegalStateException("the table hash is defined for a one-table DBBench database only");
        String sql = "select md5(group_concat(rowhash order by rowhash)) as hash from( SELECT substring(MD5(CONCAT_WS(',', "
                + table.quotedColumns() + ")), 1, 5) AS rowhash FROM " + TableSpec.quote(table.name()) + ") as sub;";
        try (DbEnvironment.AdminSession admin = env.admin()) {
            Connection c = admin.connection;
            try (Statement use = c.createStatement()) {
                use.execute("USE " + TableSpec.quote(name));
            } catch (SQLException e) {
                return ObservationReader.truncate(MysqlErrorText.of(e));
            }
            c.setAutoCommit(false);
            try {
                return ObservationReader.truncate(runStatement(c, sql));
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return ObservationReader.truncate(MysqlErrorText.of(e));
        }
    }

    private String run(String user, String pass, String sql) {
        try (Connection c = env.connect(user, pass)) {
            c.setAutoCommit(false);
            try (Statement use = c.createStatement()) {
                use.execute("USE " + TableSpec.quote(name));
            } catch (SQLException e) {
                return ObservationReader.truncate(MysqlErrorText.of(e));
            }
            long threadId = c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
            ScheduledFuture<?> kill = env.watchdog().schedule(() -> env.killQuery(threadId),
                    env.options().statementTimeout().toMillis(), TimeUnit.MILLISECONDS);
            try {
                return ObservationReader.truncate(runStatement(c, sql));
            } finally {
                kill.cancel(false);
            }
        } catch (SQLException e) {
            return ObservationReader.truncate(MysqlErrorText.of(e));
        }
    }

    private static String runStatement(Connection c, String sql) throws SQLException {
        String text;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(256);
            try {
                boolean hasRows = st.execute(sql);
                if (hasRows) {
                    try (ResultSet rs = st.getResultSet()) {
                        text = ObservationReader.read(rs);
                    }
                } else {
                    text = "[]";
                }
            } catch (SQLException e) {
                rollbackQuietly(c);
                return MysqlErrorText.of(e);
            }
            // The reference fetches only the first result; unread further results make its
            // commit() fail with "Commands out of sync" and the work is rolled back.
            boolean more;
            try {
                more = st.getMoreResults() || st.getUpdateCount() != -1;
            } catch (SQLException e) {
                more = true;
            }
            if (more) {
                rollbackQuietly(c);
                return MysqlErrorText.COMMANDS_OUT_OF_SYNC;
            }
        }
        try {
            c.commit();
        } catch (SQLException e) {
            return MysqlErrorText.of(e);
        }
        return text;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is closed next anyway.
        }
    }

    private void dropQuietly() {
        try (DbEnvironment.AdminSession admin = env.admin(); Statement st = admin.connection.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + TableSpec.quote(name));
            st.execute("DROP USER IF EXISTS '" + account + "'@'%'");
        } catch (SQLException ignored) {
            // Best effort: a throwaway server is deleted whole at the end.
        }
    }

    /** Drops the database and the agent's account, and lets the next episode with this table name start. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            dropQuietly();
        } finally {
            nameLock.release();
        }
    }
}
