package kaizen.env.db;

import java.util.Objects;

/** Where a MySQL-compatible server listens, and the account that may create databases and users on it. */
public record ServerEndpoint(String host, int port, String adminUser, String adminPassword) {
    public ServerEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    @Override
    public String toString() {
        return adminUser + "@" + host + ":" + port;
    }
}
