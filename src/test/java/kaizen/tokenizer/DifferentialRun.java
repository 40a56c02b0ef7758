package kaizen.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kaizen.core.Json;
import kaizen.core.Message;
import kaizen.core.Role;

/**
 * Kaizen's side of the differential test against the reference tokenizers
 * (src/test/python/tokenizer_differential.py drives it and compares):
 * <pre>DifferentialRun TOKENIZER_JSON CORPUS_JSONL DECODE_CASES_JSONL CHATS_JSONL OUT_DIR</pre>
 * writes one line per input: the corpus's ids and decoded text, each decode case's text, each
 * conversation's rendered text and ids.
 */
public final class DifferentialRun {
    /** Every template Kaizen has, by the name the Python side uses. */
    static final Map<String, ChatTemplate> TEMPLATES = Stream.of(
                    new ChatTemplate.Qwen25Instruct(),
                    new ChatTemplate.Qwen3Instruct2507(),
                    new ChatTemplate.Qwen3Thinking(ChatTemplate.Qwen3Thinking.GenerationPrompt.HYBRID_THINKING),
                    new ChatTemplate.Qwen3Thinking(ChatTemplate.Qwen3Thinking.GenerationPrompt.HYBRID_NO_THINKING),
                    new ChatTemplate.Qwen3Thinking(ChatTemplate.Qwen3Thinking.GenerationPrompt.THINKING_2507))
            .collect(Collectors.toUnmodifiableMap(ChatTemplate::name, Function.identity()));

    public static void main(String[] args) throws IOException {
        Tokenizer tok = Tokenizer.load(Path.of(args[0]));
        Path out = Path.of(args[4]);
        Files.createDirectories(out);
        List<String> corpus = readStrings(Path.of(args[1]));
        try (BufferedWriter ids = Files.newBufferedWriter(out.resolve("kaizen_ids.txt"));
                BufferedWriter decoded = Files.newBufferedWriter(out.resolve("kaizen_decoded.jsonl"))) {
            for (String doc : corpus) {
                int[] e = tok.encode(doc);
                ids.write(join(e));
                ids.newLine();
                decoded.write(Json.write(tok.decode(e)));
                decoded.newLine();
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("kaizen_decode_cases.jsonl"))) {
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                JsonNode arr = Json.parse(line);
                int[] idArray = new int[arr.size()];
                for (int i = 0; i < idArray.length; i++) idArray[i] = arr.get(i).asInt();
                w.write(Json.write(tok.decode(idArray)));
                w.newLine();
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("kaizen_chats.jsonl"))) {
            for (String line : Files.readAllLines(Path.of(args[3]))) {
                JsonNode chat = Json.parse(line);
                ChatTemplate template = TEMPLATES.get(chat.path("template").asText());
                if (template == null) throw new IllegalArgumentException("unknown template " + chat.path("template"));
                String text = template.render(messages(chat.path("messages")), chat.path("add_generation_prompt").asBoolean())
                        .text();
                w.write(Json.write(Map.of("text", text, "ids", tok.encode(text))));
                w.newLine();
            }
        }
    }

    static List<Message> messages(JsonNode list) {
        List<Message> out = new ArrayList<>();
        for (JsonNode m : list) out.add(new Message(Role.fromWire(m.path("role").asText()), m.path("content").asText()));
        return out;
    }

    static List<String> readStrings(Path jsonl) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) out.add(Json.parse(line).asText());
        return out;
    }

    private static String join(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length * 6);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(ids[i]);
        }
        return sb.toString();
    }
}
