package kaizen.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Streams the records of a dataset file one at a time, in constant memory, whichever of the
 * two shapes public datasets ship in: a top-level JSON array of objects ({@code [ {...}, ... ]},
 * Spider, BIRD, ShareGPT dumps) or JSON Lines. Files ending in {@code .gz} are read through
 * gzip. Every record carries its file and the line it starts on.
 *
 * <p>A malformed JSON Lines line goes to {@code bad} and reading goes on; a syntax error inside
 * a JSON array cannot be resynchronised, so it ends the file with a {@link BadInputException}.
 */
public final class JsonStream {
    private JsonStream() {}

    /**
     * Calls {@code each} for every record until it returns false (a caller that has enough).
     * Returns the number of records handed over, malformed lines included.
     */
    public static long forEach(Path file, Predicate<JsonlRecord> each, Consumer<BadInputException> bad) {
        try (InputStream in = open(file)) {
            int first = firstSignificantByte(in);
            return first == '[' ? array(file, in, each) : lines(file, in, each, bad);
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's bytes, through gzip when its name ends in {@code .gz}; for readers of other JSON layouts. */
    public static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        return raw;
    }

    /** Peeks at the first non-whitespace byte (after a UTF-8 BOM) without consuming it. */
    private static int firstSignificantByte(InputStream in) throws IOException {
        in.mark(1 << 15);
        int b;
        int n = 0;
        do {
            b = in.read();
            n++;
        } while (b != -1 && n < (1 << 15) - 1 && (Character.isWhitespace(b) || b == 0xEF || b == 0xBB || b == 0xBF));
        in.reset();
        return b;
    }

    private static long array(Path file, InputStream in, Predicate<JsonlRecord> each) throws IOException {
        long n = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) throw new BadInputException(file, 1, null, "expected a JSON array");
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new BadInputException(file, p.currentLocation().getLineNr(), null, "the JSON array is not closed (file cut off?)");
                long line = p.currentLocation().getLineNr();
                JsonNode node = p.readValueAsTree();
                n++;
                if (!each.test(new JsonlRecord(file, line, node))) return n;
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    "not valid JSON: " + e.getOriginalMessage());
        }
        return n;
    }

    private static long lines(Path file, InputStream in, Predicate<JsonlRecord> each, Consumer<BadInputException> bad)
            throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        long n = 0;
        long line = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
            if (text.isBlank()) continue;
            n++;
            JsonNode node;
            try {
                node = Json.parse(text);
            } catch (JsonProcessingException e) {
                bad.accept(new BadInputException(file, line, null, "not valid JSON: " + e.getOriginalMessage()));
                continue;
            }
            if (!each.test(new JsonlRecord(file, line, node))) return n;
        }
        return n;
    }
}
