package kaizen.data.imports.texttosql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The text-to-SQL fixtures as the releases lay them out: the question files come from
 * src/test/resources; the SQLite database is built from harbor_fleet.sql into the folder each
 * release keeps its databases in.
 */
public final class Fixtures {
    public static final Path RESOURCES = Path.of("src/test/resources/kaizen/data/imports/texttosql").toAbsolutePath();

    private Fixtures() {}

    /** Copies the named fixture into {@code dir} and builds its database; returns the dataset folder. */
    public static Path dataset(String name, Path dir) {
        Path root = dir.resolve(name);
        copy(RESOURCES.resolve(name), root);
        Path dbFolder = switch (name) {
            case "bird" -> root.resolve("train/train_databases");
            default -> root.resolve("database");
        };
        sqlite(dbFolder.resolve("harbor_fleet/harbor_fleet.sqlite"), RESOURCES.resolve("harbor_fleet.sql"));
        return root;
    }

    /** Builds an SQLite file from SQL text (statements end with ";" at a line end). */
    public static void sqlite(Path file, Path sqlText) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            String text = Files.readString(sqlText).replaceAll("(?m)^--.*$", "");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
                for (String s : text.split(";\\s*\\n")) {
                    if (!s.isBlank()) st.executeUpdate(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
