package kaizen.cli;

import java.nio.file.Path;
import kaizen.env.db.DbServer;
import kaizen.env.db.EmbeddedMariaDb;
import kaizen.env.db.ExternalDbServer;
import picocli.CommandLine.Option;

/** The database options every command that needs a MySQL-compatible server shares (a picocli mixin). */
final class DbServerOptions {
    @Option(names = "--db-url", paramLabel = "URL",
            description = "Existing server, mysql://user:password@host:port, dedicated to Kaizen (task databases are dropped and recreated).")
    String dbUrl;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cache/kaizen",
            description = "Where the embedded MariaDB binaries are unpacked (default: ${DEFAULT-VALUE}).")
    Path cacheDir;

    /** The server named by --db-url, or a fresh embedded MariaDB. */
    DbServer start() {
        if (dbUrl != null) return ExternalDbServer.parse(dbUrl);
        System.err.println("kaizen: starting the embedded MariaDB " + EmbeddedMariaDb.VERSION + " ...");
        return EmbeddedMariaDb.start(cacheDir);
    }
}
