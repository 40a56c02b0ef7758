package kaizen.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The worker's checkpoints in DIR/checkpoints: {@code step-NNNNNNN} folders, complete once they hold
 * state.json (the worker writes into a .tmp- folder and renames it last). Same rule as
 * kaizen_worker/checkpoint.py.
 */
final class Checkpoints {
    record Found(long step, Path path) {}

    private Checkpoints() {}

    static Optional<Found> latest(Path runDir) {
        Path folder = runDir.resolve("checkpoints");
        if (!Files.isDirectory(folder)) return Optional.empty();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .map(p -> new Found(Long.parseLong(p.getFileName().toString().substring(5)), p))
                    .max(java.util.Comparator.comparingLong(Found::step));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
