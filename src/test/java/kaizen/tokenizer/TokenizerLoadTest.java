package kaizen.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import kaizen.core.BadInputException;
import kaizen.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a small tokenizer.json of the real format: BPE on it, and refusals that name the field. */
class TokenizerLoadTest {
    @TempDir
    Path dir;

    /** 256 byte tokens, then "in", "Ġt", "Ġth", "Ġthe" by merges, and one special token. */
    private ObjectNode tiny() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode added = root.putArray("added_tokens");
        added.addObject().put("id", 260).put("content", "<|im_end|>").put("special", true).put("normalized", false);
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject().put("type", "Split").put("behavior", "Isolated").put("invert", false);
        split.putObject("pattern").put("Regex", QwenSplitter.PATTERN);
        steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", false);
        root.putObject("decoder").put("type", "ByteLevel");
        root.putNull("post_processor");
        ObjectNode model = root.putObject("model").put("type", "BPE").putNull("dropout").putNull("unk_token");
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) vocab.put(String.valueOf(ByteLevel.charOf(b)), b);
        vocab.put("in", 256).put("Ġt", 257).put("Ġth", 258).put("Ġthe", 259);
        ArrayNode merges = model.putArray("merges");
        merges.addArray().add("i").add("n");
        merges.add("Ġ t"); // the older "a b" form
        merges.addArray().add("Ġt").add("h");
        merges.addArray().add("Ġth").add("e");
        return root;
    }

    private Tokenizer load(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = tiny();
        edit.accept(json);
        Files.writeString(dir.resolve("tokenizer.json"), Json.write(json));
        return Tokenizer.load(dir);
    }

    @Test
    void mergesByRank() throws Exception {
        Tokenizer tok = load(j -> {});
        assertArrayEquals(new int[] {'p', 256, 259, 256}, tok.encode("pin thein"));
        assertArrayEquals(new int[] {257, 'o', 260, 'x'}, tok.encode(" to<|im_end|>x"));
        assertEquals("pin thein", tok.decode(tok.encode("pin thein")));
    }

    @Test
    void refusesWhatItDoesNotImplement() {
        BadInputException e = assertThrows(BadInputException.class, () -> load(j -> j.putObject("normalizer").put("type", "NFKC")));
        assertEquals("normalizer", e.field());
        e = assertThrows(BadInputException.class, () -> load(j -> ((ObjectNode) j.path("model")).put("dropout", 0.1)));
        assertEquals("model.dropout", e.field());
        e = assertThrows(BadInputException.class, () -> load(j -> ((ObjectNode) j.path("added_tokens").get(0)).put("lstrip", true)));
        assertTrue(e.getMessage().contains("lstrip"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> load(j -> ((ObjectNode) j.path("pre_tokenizer").path("pretokenizers").get(0))
                .putObject("pattern").put("Regex", "\\s+")));
        assertEquals("pre_tokenizer", e.field());
        e = assertThrows(BadInputException.class, () -> load(j -> ((ArrayNode) j.path("model").path("merges")).addArray().add("q").add("z")));
        assertTrue(e.getMessage().contains("missing from the vocabulary"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Tokenizer.load(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("no tokenizer.json"), e.getMessage());
    }
}
