package kaizen.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reading JSON Lines files. Blank lines are skipped; every record carries its file and line
 * so later validation errors can point at it.
 */
public final class Jsonl {
    private Jsonl() {}

    /** Reads every record; the first malformed line stops reading with a {@link BadInputException}. */
    public static List<JsonlRecord> readAll(Path file) {
        List<JsonlRecord> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /** Streams records one at a time (constant memory); malformed lines throw. */
    public static void forEach(Path file, Consumer<JsonlRecord> sink) {
        try (BufferedReader in = open(file)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                sink.accept(new JsonlRecord(file, line, parseLine(file, line, text)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an append-only log that a crash may have cut mid-line: an unparsable <em>last</em>
     * line is ignored (it was never fully written); an unparsable line elsewhere is an error.
     */
    public static List<JsonlRecord> readLog(Path file) {
        List<JsonlRecord> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) continue;
            try {
                out.add(new JsonlRecord(file, i + 1, Json.parse(text)));
            } catch (JsonProcessingException e) {
                boolean last = i == lines.size() - 1;
                if (!last) throw new BadInputException(file, i + 1, null, "not valid JSON: " + shortMessage(e));
            }
        }
        return out;
    }

    /**
     * Writes {@code values} as JSON Lines (one compact JSON value per line, UTF-8, '\n' endings)
     * to a temporary file next to {@code file}, then moves it into place, so a reader never sees
     * half a file and the bytes depend only on the values.
     */
    public static void writeAll(Path file, Iterable<?> values) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (java.io.Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Object v : values) {
                    out.write(Json.write(v));
                    out.write('\n');
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KaizenException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such file");
        }
    }

    static JsonNode parseLine(Path file, long line, String text) {
        try {
            JsonNode node = Json.parse(text);
            if (node == null) throw new BadInputException(file, line, null, "empty JSON value");
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, line, null, "not valid JSON: " + shortMessage(e));
        }
    }

    static String shortMessage(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        var loc = e.getLocation();
        if (loc != null && loc.getColumnNr() > 0) msg += " (column " + loc.getColumnNr() + ")";
        return msg;
    }
}
