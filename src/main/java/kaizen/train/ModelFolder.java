package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import kaizen.core.KaizenException;

/** A local Hugging Face model folder as the worker will load it (no hub access). */
public record ModelFolder(Path folder, String modelType, int vocabSize, boolean hasTokenizer) {

    /** Checks config.json (model_type, vocab_size) and safetensors weights; the tokenizer only when {@code needTokenizer}. */
    public static ModelFolder check(Path folder, boolean needTokenizer) {
        if (!Files.isDirectory(folder)) throw new KaizenException(folder + ": model folder does not exist");
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new KaizenException(folder + ": no config.json (expected a Hugging Face model folder)");
        }
        JsonNode c;
        try {
            c = Json.parse(Files.readString(config));
        } catch (IOException e) {
            throw new BadInputException(config, 0, "", "not valid JSON: " + e.getMessage());
        }
        JsonNode type = c.get("model_type");
        JsonNode vocab = c.get("vocab_size");
        if (type == null || !type.isTextual()) throw new BadInputException(config, 0, "model_type", "is missing");
        if (vocab == null || !vocab.canConvertToInt() || vocab.asInt() <= 0) {
            throw new BadInputException(config, 0, "vocab_size", "is missing or not a positive integer");
        }
        if (!hasWeights(folder)) {
            throw new KaizenException(folder + ": no *.safetensors weights (model.safetensors or a sharded index)");
        }
        boolean tokenizer = Files.isRegularFile(folder.resolve("tokenizer.json"));
        if (needTokenizer && !tokenizer) {
            throw new KaizenException(folder + ": no tokenizer.json, which data.format messages needs to tokenize the data");
        }
        return new ModelFolder(folder, type.asText(), vocab.asInt(), tokenizer);
    }

    private static boolean hasWeights(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"));
        } catch (IOException e) {
            throw new KaizenException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
