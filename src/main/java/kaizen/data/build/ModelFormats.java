package kaizen.data.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.KaizenException;

/** The model formats a build can use, by id. */
public final class ModelFormats {
    /** The tokenizer folder a recipe uses when it names none (tokenizer.json of the Qwen models, shared by all three formats). */
    public static final java.nio.file.Path DEFAULT_TOKENIZER = java.nio.file.Path.of("../shared/data/qwen-tokenizer");

    private final Map<String, ModelFormat> byId = new LinkedHashMap<>();

    private ModelFormats(List<ModelFormat> formats) {
        for (ModelFormat f : formats) byId.put(f.id(), f);
    }

    /** The character measure and the Qwen formats with the tokenizer in {@link #DEFAULT_TOKENIZER}. */
    public static ModelFormats available() {
        return available(DEFAULT_TOKENIZER);
    }

    /**
     * The character measure and the three Qwen formats ({@code qwen2.5}, {@code qwen3-instruct-2507},
     * {@code qwen3-thinking}) with the tokenizer in {@code tokenizerDir}, loaded when first used, so a
     * build measuring only characters needs no tokenizer.
     */
    public static ModelFormats available(java.nio.file.Path tokenizerDir) {
        java.util.function.Supplier<kaizen.tokenizer.Tokenizer> tokenizer = lazyTokenizer(tokenizerDir);
        return with(List.of(
                new TemplateFormat("qwen2.5", new kaizen.tokenizer.ChatTemplate.Qwen25Instruct(), tokenizer, false),
                new TemplateFormat("qwen3-instruct-2507", new kaizen.tokenizer.ChatTemplate.Qwen3Instruct2507(), tokenizer, false),
                new TemplateFormat("qwen3-thinking", new kaizen.tokenizer.ChatTemplate.Qwen3Thinking(
                        kaizen.tokenizer.ChatTemplate.Qwen3Thinking.GenerationPrompt.HYBRID_THINKING), tokenizer, true)));
    }

    private static java.util.function.Supplier<kaizen.tokenizer.Tokenizer> lazyTokenizer(java.nio.file.Path dir) {
        kaizen.tokenizer.Tokenizer[] loaded = new kaizen.tokenizer.Tokenizer[1];
        return () -> {
            synchronized (loaded) {
                if (loaded[0] == null) {
                    if (!java.nio.file.Files.isRegularFile(dir.resolve("tokenizer.json"))) {
                        throw new KaizenException(dir + ": no tokenizer.json (give the Qwen tokenizer folder as the recipe's 'tokenizer')");
                    }
                    loaded[0] = kaizen.tokenizer.Tokenizer.load(dir);
                }
                return loaded[0];
            }
        };
    }

    /** The character measure plus {@code extra}. */
    public static ModelFormats with(List<ModelFormat> extra) {
        List<ModelFormat> all = new java.util.ArrayList<>(List.of(ModelFormat.CHARACTERS));
        all.addAll(extra);
        return new ModelFormats(all);
    }

    public ModelFormat get(String id) {
        ModelFormat f = byId.get(id);
        if (f != null) return f;
        throw new KaizenException("model format '" + id + "' is not available; available: " + String.join(", ", byId.keySet()));
    }
}
