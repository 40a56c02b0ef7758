package kaizen.env.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates and fills the tables of a new database ({@link DbEnvironment#open(String, DatabaseLoader)}).
 * It runs on an admin connection whose current database is the new one; an {@link SQLException}
 * it throws becomes the database's {@link EpisodeDatabase#buildError()}.
 */
@FunctionalInterface
public interface DatabaseLoader {
    void load(Connection connection) throws SQLException;
}
