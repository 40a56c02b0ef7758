package kaizen.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, shared by every command: {@link Main} reads it from the arguments to decide whether
 * an error is printed with its stack trace; the field is here so picocli accepts and documents it.
 */
final class DebugOption {
    @Option(names = "--debug", description = "print stack traces of errors")
    boolean debug;
}
