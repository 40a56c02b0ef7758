package kaizen.env.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import kaizen.core.KaizenException;

/**
 * The DBBench environment: opens one isolated database per episode on a MySQL-compatible
 * server. This is the package's entry point.
 *
 * <p>Isolation: each episode's SQL runs as its own account with rights on its own database
 * only, with a statement watchdog, so one episode can neither drop another's tables nor hold
 * the server. Databases are named after their table, as in the reference (the name shows in
 * error texts); episodes whose tables share a name therefore take turns.
 */
public final class DbEnvironment implements AutoCloseable {
    private final DbServer server;
    private final DbOptions options;
    private final ScheduledExecutorService watchdog;
    private final ConcurrentHashMap<String, Semaphore> nameLocks = new ConcurrentHashMap<>();
    private final AtomicLong episodeCounter = new AtomicLong();
    private final java.util.Set<String> firstUse = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ArrayBlockingQueue<Connection> idleAdmins = new java.util.concurrent.ArrayBlockingQueue<>(32);
    private final String accountPrefix;

    public DbEnvironment(DbServer server, DbOptions options) {
        this.server = server;
        this.options = options;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kaizen-sql-watchdog");
            t.setDaemon(true);
            return t;
        });
        // Accounts of a crashed earlier run on a shared server never collide with ours.
        this.accountPrefix = "kz" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "_";
        checkReachable();
    }

    public DbServer server() {
        return server;
    }

    public DbOptions options() {
        return options;
    }

    /**
     * Creates the episode's database and table exactly as the reference builds them, and an
     * account for the agent. Blocks while another episode holds a database of the same name.
     */
    public EpisodeDatabase open(TableSpec table) {
        return open(table.name(), table, null);
    }

    /**
     * Like {@link #open(TableSpec)}, for a database of any shape: {@code loader} creates and fills its
     * tables (e.g. an imported text-to-SQL database); the agent's account and statement path are the same.
     */
    public EpisodeDatabase open(String databaseName, DatabaseLoader loader) {
        return open(databaseName, null, loader);
    }

    private EpisodeDatabase open(String databaseName, TableSpec table, DatabaseLoader loader) {
        Semaphore lock = nameLocks.computeIfAbsent(databaseName, k -> new Semaphore(1));
        lock.acquireUninterruptibly();
        try {
            String account = accountPrefix + episodeCounter.incrementAndGet();
            EpisodeDatabase db = new EpisodeDatabase(this, databaseName, table, loader, account, java.util.UUID.randomUUID().toString(), lock);
            db.build();
            return db;
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** False the first time a name is used on a server this run started empty: nothing to clean up. */
    boolean mayHaveLeftover(String name) {
        return !(server instanceof EmbeddedMariaDb) || !firstUse.add(name);
    }

    /**
     * An admin session from a small pool (set-up, hash and tear-down need no fresh session;
     * only the agent's statements do, as in the reference). Closing it returns it to the pool,
     * unless it saw an error, then it is discarded.
     */
    AdminSession admin() throws SQLException {
        Connection c = idleAdmins.poll();
        if (c == null || !c.isValid(1)) {
            if (c != null) closeQuietly(c);
            ServerEndpoint ep = server.endpoint();
            c = connect(ep.adminUser(), ep.adminPassword());
        }
        return new AdminSession(c);
    }

    /** A pooled admin connection; call {@link #broken()} after an error so it is not reused. */
    final class AdminSession implements AutoCloseable {
        final Connection connection;
        private boolean broken;

        AdminSession(Connection connection) {
            this.connection = connection;
        }

        void broken() {
            broken = true;
        }

        @Override
        public void close() {
            try {
                if (!broken && connection.getAutoCommit() && idleAdmins.offer(connection)) return;
            } catch (SQLException e) {
                // fall through: discard
            }
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Already gone.
        }
    }

    Connection adminConnection() throws SQLException {
        ServerEndpoint ep = server.endpoint();
        return connect(ep.adminUser(), ep.adminPassword());
    }

    Connection connect(String user, String password) throws SQLException {
        ServerEndpoint ep = server.endpoint();
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("allowMultiQueries", "true");
        p.setProperty("tinyInt1isBit", "false");
        p.setProperty("connectTimeout", "10000");
        p.setProperty("socketTimeout", Long.toString(options.statementTimeout().plusSeconds(30).toMillis()));
        // MySQL 9.5's defaults for what an agent can observe; a row cap far above what an
        // 800-character observation can show keeps giant results cheap.
        p.setProperty("sessionVariables", "sql_mode='" + EmbeddedMariaDb.MYSQL_SQL_MODE + "',group_concat_max_len=1024,"
                + "sql_select_limit=" + options.rowCap());
        return DriverManager.getConnection("jdbc:mariadb://" + ep.host() + ":" + ep.port() + "/", p);
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    void killQuery(long threadId) {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("KILL QUERY " + threadId);
        } catch (SQLException e) {
            // The statement finished between the timeout and the kill: nothing to stop.
        }
    }

    private void checkReachable() {
        try (Connection c = adminConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new KaizenException("cannot connect to the database server " + server.describe() + " as "
                    + server.endpoint().adminUser() + ": " + MysqlErrorText.serverMessage(e));
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        Connection c;
        while ((c = idleAdmins.poll()) != null) closeQuietly(c);
    }

    /** Tuning of the environment; the defaults reproduce the reference. */
    public record DbOptions(Duration statementTimeout, int rowCap, ConnectorMode connectorMode) {
        public static final DbOptions DEFAULT = new DbOptions(Duration.ofSeconds(60), 10_000, ConnectorMode.V8);

        public DbOptions {
            if (rowCap < 1000) throw new IllegalArgumentException("rowCap must be at least 1000 (it bounds what 800 characters can show)");
        }

        public DbOptions withStatementTimeout(Duration d) {
            return new DbOptions(d, rowCap, connectorMode);
        }

        public DbOptions withConnectorMode(ConnectorMode m) {
            return new DbOptions(statementTimeout, rowCap, m);
        }
    }
}
