package kaizen.env.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import kaizen.core.KaizenException;

/** An existing MySQL or MariaDB server, given as {@code mysql://user:password@host:port}. */
public record ExternalDbServer(ServerEndpoint endpoint) implements DbServer {

    /** Parses {@code mysql://user[:password]@host[:port]} (also {@code mariadb://} and {@code jdbc:} prefixes). */
    public static ExternalDbServer parse(String url) {
        String u = url.startsWith("jdbc:") ? url.substring(5) : url;
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new KaizenException("--db-url '" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("mysql") || scheme.equals("mariadb"))) {
            throw new KaizenException("--db-url '" + url + "': expected mysql://user:password@host:port");
        }
        if (uri.getHost() == null) throw new KaizenException("--db-url '" + url + "' names no host");
        String user = "root";
        String password = "";
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 3306;
        return new ExternalDbServer(new ServerEndpoint(uri.getHost(), port, user, password));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "MySQL-compatible server at " + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public boolean throwaway() {
        return false;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
