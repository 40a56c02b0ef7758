package kaizen.data.imports.texttosql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.env.db.DbEnvironment;
import kaizen.env.db.EpisodeDatabase;

/**
 * The databases loaded so far, each SQLite file opened and copied into MySQL once and reused
 * for every question on it; at most {@code bound} stay loaded (least recently used goes first),
 * so memory and server space stay flat however many databases a dataset has. The datasets list
 * questions grouped by database, so a small bound loads each database about once.
 */
final class LoadedDatabases implements AutoCloseable {
    /** A database ready for questions, or the reason none of its questions can be used. */
    sealed interface Entry {}

    record Ready(SqliteDatabase sqlite, Schema schema, EpisodeDatabase mysql) implements Entry {}

    record Unusable(String reason) implements Entry {}

    private final DbEnvironment env;
    private final int bound;
    private final Map<Path, Entry> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private long loads;

    LoadedDatabases(DbEnvironment env, int bound) {
        this.env = env;
        this.bound = bound;
    }

    /** The database {@code DB_ID} under the first of {@code roots} that has {@code DB_ID/DB_ID.sqlite}. */
    Entry get(List<Path> roots, String dbId) {
        Path file = roots.stream().map(r -> r.resolve(dbId).resolve(dbId + ".sqlite")).filter(Files::isRegularFile).findFirst().orElse(null);
        if (file == null) return new Unusable("database not found");
        Entry e = loaded.get(file);
        if (e != null) return e;
        e = load(file, dbId);
        loaded.put(file, e);
        evict();
        return e;
    }

    long loads() {
        return loads;
    }

    private Entry load(Path file, String dbId) {
        loads++;
        SqliteDatabase sqlite = new SqliteDatabase(file);
        Schema schema;
        try {
            schema = sqlite.profile();
        } catch (SQLException e) {
            sqlite.close();
            return new Unusable("sqlite database unreadable");
        }
        if (schema.tables().isEmpty()) {
            sqlite.close();
            return new Unusable("database has no tables");
        }
        // MySQL database names are at most 64 characters.
        EpisodeDatabase mysql = env.open(dbId.length() > 64 ? dbId.substring(0, 64) : dbId, new MysqlLoad(sqlite, schema));
        if (!mysql.buildError().isEmpty()) {
            mysql.close();
            sqlite.close();
            return new Unusable("database load failed on mysql");
        }
        return new Ready(sqlite, schema, mysql);
    }

    private void evict() {
        Iterator<Map.Entry<Path, Entry>> it = loaded.entrySet().iterator();
        while (loaded.size() > bound && it.hasNext()) {
            release(it.next().getValue());
            it.remove();
        }
    }

    private static void release(Entry e) {
        if (e instanceof Ready r) {
            r.mysql().close();
            r.sqlite().close();
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(LoadedDatabases::release);
        loaded.clear();
    }
}
