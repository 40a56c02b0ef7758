package kaizen.testing;

import java.nio.file.Path;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EmbeddedMariaDb;

/** One embedded MariaDB for the whole test JVM: starting it costs seconds, so tests share it. */
public final class TestDatabase {
    private static EmbeddedMariaDb server;
    private static DbEnvironment env;

    private TestDatabase() {}

    public static synchronized DbEnvironment environment() {
        if (env == null) {
            server = EmbeddedMariaDb.start(Path.of(System.getProperty("user.home"), ".cache", "kaizen"));
            env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                env.close();
                server.close();
            }));
        }
        return env;
    }

    public static EmbeddedMariaDb server() {
        environment();
        return server;
    }

    public static Path sharedData(String relative) {
        return Path.of("..", "shared", "data").resolve(relative);
    }
}
