package kaizen.data.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import kaizen.core.BadInputException;
import kaizen.core.JsonStream;
import kaizen.core.JsonlRecord;
import java.util.stream.Stream;
import kaizen.core.KaizenException;

/** The data files an importer reads: the file given, or the matching files under a folder, in name order. */
public final class InputFiles {
    private InputFiles() {}

    public static List<Path> list(Path input, String... endings) {
        if (Files.isRegularFile(input)) return List.of(input);
        if (!Files.isDirectory(input)) throw new KaizenException(input + ": no such file or folder");
        try (Stream<Path> s = Files.walk(input)) {
            List<Path> files = s.filter(Files::isRegularFile)
                    .filter(p -> Arrays.stream(endings).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new KaizenException(input + ": no " + String.join(" or ", endings) + " files in this folder");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input, e);
        }
    }

    /** The usual endings of JSON / JSON Lines dumps, plain or gzipped. */
    public static final String[] JSON = {".json", ".jsonl", ".json.gz", ".jsonl.gz"};

    /**
     * Streams every record of every matching file to {@code convert} until the sink is full. A
     * {@link BadInputException} thrown by {@code convert} marks that record malformed and reading
     * goes on, so a converter just throws {@code record.error(field, problem)}.
     */
    public static void eachRecord(Path input, ImportSink sink, Consumer<JsonlRecord> convert, String... endings) {
        for (Path file : list(input, endings)) {
            JsonStream.forEach(file, r -> {
                try {
                    convert.accept(r);
                } catch (BadInputException e) {
                    sink.malformed(e);
                }
                return !sink.full();
            }, sink::malformed);
            if (sink.full()) return;
        }
    }
}
