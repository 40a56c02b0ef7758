package kaizen.harness.dbbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.KaizenException;

/** Reads a task file the way the reference does: a JSON array, or else JSON Lines. */
final class DbBenchFiles {
    private DbBenchFiles() {}

    static List<JsonlRecord> records(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new KaizenException(file + ": no such file");
        } catch (IOException e) {
            throw new KaizenException(file + ": cannot read: " + e.getMessage());
        }
        if (content.stripLeading().startsWith("[")) {
            try {
                JsonNode all = Json.parse(content);
                List<JsonlRecord> out = new ArrayList<>();
                for (JsonNode n : all) out.add(new JsonlRecord(file, 0, n));
                return out;
            } catch (IOException e) {
                // Not one JSON document: fall through to JSON Lines, as the reference does.
            }
        }
        try {
            return Jsonl.readAll(file);
        } catch (BadInputException e) {
            throw e;
        }
    }
}
