package kaizen.env.db;

/**
 * A MySQL-compatible server that episodes run against: the embedded MariaDB that Kaizen starts
 * by itself, or an existing MySQL/MariaDB given by URL.
 */
public sealed interface DbServer extends AutoCloseable permits EmbeddedMariaDb, ExternalDbServer {
    ServerEndpoint endpoint();

    /** Human-readable description, e.g. "embedded MariaDB 11.4.5 on 127.0.0.1:41235". */
    String describe();

    /** True when Kaizen owns the server's data and may drop any leftover task database. */
    boolean throwaway();

    @Override
    void close();
}
