package kaizen.core;

import java.nio.file.Path;

/** Malformed input: names the file, the 1-based line (0 when unknown) and the field. */
public final class BadInputException extends KaizenException {
    private final Path file;
    private final long line;
    private final String field;

    public BadInputException(Path file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) sb.append(':').append(line);
        if (field != null && !field.isEmpty()) sb.append(": field '").append(field).append('\'');
        return sb.append(": ").append(problem).toString();
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String field() {
        return field;
    }
}
