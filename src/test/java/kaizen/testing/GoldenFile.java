package kaizen.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison for texts the model sees. After an intended change, regenerate with
 * {@code -Dkaizen.golden.update=true} and review the diff before committing.
 */
public final class GoldenFile {
    private GoldenFile() {}

    public static void assertMatches(Path golden, String actual) {
        try {
            if (Boolean.getBoolean("kaizen.golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden file " + golden);
        } catch (IOException e) {
            throw new UncheckedIOException("golden file " + golden + " (create it with -Dkaizen.golden.update=true)", e);
        }
    }
}
