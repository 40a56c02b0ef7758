package kaizen.cli;

import picocli.CommandLine.Option;

/** {@code --no-progress}, shared by every command with long work: turns the progress bar off. */
final class ProgressOption {
    @Option(names = "--no-progress", description = "no progress bar (everything written is the same either way)")
    boolean off;

    boolean shown() {
        return !off;
    }
}
