package kaizen.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files that are either the old version or the new one, never half written: a run record, a shard
 * index or a rewritten log that a crash (or a machine taken away) could otherwise leave truncated.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes {@code text} (UTF-8) beside {@code file} and renames it into place, creating the folder. */
    public static void write(Path file, CharSequence text) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new KaizenException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
