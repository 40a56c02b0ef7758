package kaizen.data.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.KaizenException;

/** The model formats a build can use, by id. */
public final class ModelFormats {
    /** Model formats the project plans (Qwen2.5 ChatML, Qwen3-Instruct-2507, Qwen3 with thinking), for the error message. */
    static final List<String> PLANNED = List.of("qwen2.5", "qwen3-instruct-2507", "qwen3-thinking");

    private final Map<String, ModelFormat> byId = new LinkedHashMap<>();

    private ModelFormats(List<ModelFormat> formats) {
        for (ModelFormat f : formats) byId.put(f.id(), f);
    }

    /** What this build of Kaizen has: the character measure only, until the tokenizer package is merged. */
    public static ModelFormats available() {
        return new ModelFormats(List.of(ModelFormat.CHARACTERS));
    }

    /** The built-ins plus {@code extra} (tests, and the tokenizer package's formats once merged). */
    public static ModelFormats with(List<ModelFormat> extra) {
        List<ModelFormat> all = new java.util.ArrayList<>(List.of(ModelFormat.CHARACTERS));
        all.addAll(extra);
        return new ModelFormats(all);
    }

    public ModelFormat get(String id) {
        ModelFormat f = byId.get(id);
        if (f != null) return f;
        String why = PLANNED.contains(id) ? " (it needs the tokenizer package, which this build does not have yet)" : "";
        throw new KaizenException("model format '" + id + "' is not available" + why + "; available: " + String.join(", ", byId.keySet()));
    }
}
