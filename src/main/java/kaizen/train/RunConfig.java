package kaizen.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training run, as read from RUN.yaml and completed with the plan's defaults. Relative paths
 * are taken from the current directory. {@link #toJson()} is what run.json records and what the
 * config hash covers.
 */
public record RunConfig(Kind kind, String name, Path model, Path out, Data data, Lora lora, Optim optim, Loss loss,
        Launch launch, boolean merge) {

    public enum Kind {
        SFT, DPO;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where examples come from: chat conversations rendered by Kaizen's templates, or token ids. */
    public enum DataFormat {
        MESSAGES, TOKENS
    }

    /** Packed rows hold several examples (attention kept inside each); padded rows hold one. */
    public enum Layout {
        PACKED, PADDED
    }

    /** What to do with an example longer than max_length. */
    public enum Overlong {
        DROP, ERROR
    }

    public enum Quantization {
        NONE, FOUR_BIT;

        public String id() {
            return this == NONE ? "none" : "4bit";
        }
    }

    public record Data(Path train, DataFormat format, String template, Layout layout, int maxLength, Overlong overlong,
            long shardTokens) {}

    /**
     * {@code modulesToSave}: modules trained in full beside the adapters (peft's modules_to_save,
     * e.g. embed_tokens and lm_head of a model trained from random weights); saved with the adapter.
     */
    public record Lora(int r, int alpha, double dropout, List<String> targets, List<String> modulesToSave,
            Quantization quantization) {
        public Lora {
            targets = List.copyOf(targets);
            modulesToSave = List.copyOf(modulesToSave);
        }
    }

    public record Optim(int epochs, double learningRate, double warmupRatio, int effectiveBatch, int microBatch,
            double weightDecay, double maxGradNorm, long seed, boolean gradientCheckpointing, String dtype,
            int saveEverySteps, int keepCheckpoints, int maxSteps) {}

    /** reason/action weights scale SFT token losses by part (1 and 1 = plain cross-entropy); beta is DPO's. */
    public record Loss(double reasonWeight, double actionWeight, double beta) {}

    /** gpus = 1 runs {@code python -m kaizen_worker}; more run it under torchrun, one process a GPU. */
    public record Launch(int gpus, String python, Path worker) {}

    /** The settings that decide the result (not where the worker lives), in a stable order. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id());
        m.put("name", name);
        m.put("model", model.toString());
        m.put("out", out.toString());
        m.put("data", ordered("train", data.train().toString(), "format", lower(data.format()), "template", data.template(),
                "layout", lower(data.layout()), "max_length", data.maxLength(), "overlong", lower(data.overlong()),
                "shard_tokens", data.shardTokens()));
        m.put("lora", ordered("r", lora.r(), "alpha", lora.alpha(), "dropout", lora.dropout(), "targets", lora.targets(),
                "modules_to_save", lora.modulesToSave(), "quantization", lora.quantization().id()));
        m.put("train", ordered("epochs", optim.epochs(), "learning_rate", optim.learningRate(), "warmup_ratio",
                optim.warmupRatio(), "effective_batch", optim.effectiveBatch(), "micro_batch", optim.microBatch(),
                "weight_decay", optim.weightDecay(), "max_grad_norm", optim.maxGradNorm(), "seed", optim.seed(),
                "gradient_checkpointing", optim.gradientCheckpointing(), "dtype", optim.dtype(),
                "save_every_steps", optim.saveEverySteps(), "keep_checkpoints", optim.keepCheckpoints(),
                "max_steps", optim.maxSteps()));
        m.put("loss", ordered("reason_weight", loss.reasonWeight(), "action_weight", loss.actionWeight(), "beta", loss.beta()));
        m.put("launch", ordered("gpus", launch.gpus()));
        m.put("merge", merge);
        return m;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A map in the given key order (run.json's hash must not depend on a hash map's order). */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
