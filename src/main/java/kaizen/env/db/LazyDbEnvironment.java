package kaizen.env.db;

import java.util.function.Supplier;

/**
 * A database environment started the first time it is asked for (and only then), closed with its
 * server: for commands that need MariaDB only for some of their inputs.
 */
public final class LazyDbEnvironment implements Supplier<DbEnvironment>, AutoCloseable {
    private final Supplier<DbServer> start;
    private DbServer server;
    private DbEnvironment env;

    public LazyDbEnvironment(Supplier<DbServer> start) {
        this.start = start;
    }

    @Override
    public synchronized DbEnvironment get() {
        if (env == null) {
            server = start.get();
            env = new DbEnvironment(server, DbEnvironment.DbOptions.DEFAULT);
        }
        return env;
    }

    @Override
    public synchronized void close() {
        if (env != null) env.close();
        if (server != null) server.close();
    }
}
