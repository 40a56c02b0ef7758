package kaizen.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kaizen.core.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Qwen tokenizer against golden files made by the reference on the GPU machine
 * (src/test/python/tokenizer_differential.py --goldens, inputs from tokenizer_corpus.py): a
 * varied subset of the 6 MB differential corpus, decodes of random (often invalid UTF-8) id
 * sequences, and conversations rendered by apply_chat_template for every template.
 */
class QwenTokenizerGoldenTest {
    static final Path QWEN = Path.of("../shared/data/qwen-tokenizer");
    private static Tokenizer tok;

    @BeforeAll
    static void load() {
        tok = Tokenizer.load(QWEN);
    }

    static List<JsonNode> golden(String name) throws Exception {
        Path file = Path.of(QwenTokenizerGoldenTest.class.getResource("/golden/tokenizer/" + name).toURI());
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) out.add(Json.parse(line));
        return out;
    }

    static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) out[i] = arr.get(i).asInt();
        return out;
    }

    @Test
    void encodesTheCorpusSubsetAsTheReference() throws Exception {
        List<JsonNode> cases = golden("encode.jsonl");
        assertTrue(cases.size() > 50, "golden file has too few documents");
        for (JsonNode c : cases) {
            String text = c.path("text").asText();
            int[] ids = tok.encode(text);
            assertArrayEquals(ints(c.path("ids")), ids, () -> "document " + c.path("doc") + ": " + abbreviate(text));
            assertEquals(tok.decode(ids), java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC));
        }
    }

    @Test
    void decodesIdSequencesAsTheReference() throws Exception {
        for (JsonNode c : golden("decode.jsonl")) {
            assertEquals(c.path("text").asText(), tok.decode(ints(c.path("ids"))), () -> "ids " + c.path("ids"));
        }
    }

    @Test
    void rendersAndEncodesConversationsAsApplyChatTemplate() throws Exception {
        List<JsonNode> chats = golden("chats.jsonl");
        java.util.Set<String> templates = new java.util.HashSet<>();
        for (JsonNode c : chats) {
            ChatTemplate template = DifferentialRun.TEMPLATES.get(c.path("template").asText());
            templates.add(template.name());
            String text = template.render(DifferentialRun.messages(c.path("messages")), c.path("add_generation_prompt").asBoolean()).text();
            assertEquals(c.path("text").asText(), text, () -> template.name() + ": " + c.path("messages"));
            assertArrayEquals(ints(c.path("ids")), tok.encode(text));
        }
        assertEquals(DifferentialRun.TEMPLATES.keySet(), templates, "every template has golden conversations");
    }

    @Test
    void specialTokensInTextBecomeTheirIds() {
        int imEnd = tok.tokenId("<|im_end|>").orElseThrow();
        int[] ids = tok.encode("a<|im_end|>b<|im_end|");
        assertEquals(imEnd, ids[1]);
        assertEquals("a<|im_end|>b<|im_end|", tok.decode(ids));
        assertEquals(151669, tok.vocabSize());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
