package kaizen.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kaizen.train.RunConfig.Data;
import kaizen.train.RunConfig.DataFormat;
import kaizen.train.RunConfig.Kind;
import kaizen.train.RunConfig.Launch;
import kaizen.train.RunConfig.Layout;
import kaizen.train.RunConfig.Lora;
import kaizen.train.RunConfig.Loss;
import kaizen.train.RunConfig.Optim;
import kaizen.train.RunConfig.Overlong;
import kaizen.train.RunConfig.Quantization;

/**
 * Reads RUN.yaml. Missing settings take the plan's values: LoRA r 64, alpha 128 on every attention
 * and MLP projection, cosine schedule with 5% warm-up, effective batch 16, max length 4096, bf16,
 * gradient checkpointing; SFT 3 epochs (lr 1e-4, packed); DPO 1 epoch, lr 5e-7, beta 0.1 (padded).
 */
public final class RunConfigReader {
    public static final List<String> ALL_PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    private RunConfigReader() {}

    public static RunConfig read(Path file, Kind kind) {
        YamlFields y = YamlFields.read(file);
        String declared = y.text("kind", kind.id());
        if (!declared.equals(kind.id())) {
            throw y.error("kind", "this file is a " + declared + " run; use 'kaizen train " + declared + "'");
        }
        String name = y.requiredText("name");
        if (!name.matches("[A-Za-z0-9._-]+")) throw y.error("name", "use letters, digits, '.', '_' and '-' only");
        Path model = Path.of(y.requiredText("model"));
        Path out = Path.of(y.text("out", "runs/train/" + name));

        boolean sft = kind == Kind.SFT;
        DataFormat format = y.choice("data.format", DataFormat.MESSAGES, DataFormat.class, RunConfig::lower);
        String template = y.text("data.template", "");
        if (format == DataFormat.MESSAGES && template.isBlank()) {
            throw y.error("data.template", "is required for data.format messages (the chat template, e.g. qwen2.5)");
        }
        if (format == DataFormat.MESSAGES) {
            try {
                kaizen.tokenizer.ChatTemplate.forModel(template);
            } catch (IllegalArgumentException e) {
                throw y.error("data.template", e.getMessage());
            }
        }
        Layout layout = y.choice("data.layout", sft ? Layout.PACKED : Layout.PADDED, Layout.class, RunConfig::lower);
        if (!sft && layout == Layout.PACKED) throw y.error("data.layout", "DPO pairs are not packed; use padded");
        Data data = new Data(Path.of(y.requiredText("data.train")), format, template, layout,
                (int) y.integer("data.max_length", 4096, 16, 1 << 20),
                y.choice("data.overlong", Overlong.DROP, Overlong.class, RunConfig::lower),
                y.integer("data.shard_tokens", 64L << 20, 1, Long.MAX_VALUE));

        Lora lora = new Lora((int) y.integer("lora.r", 64, 1, 4096), (int) y.integer("lora.alpha", 128, 1, 1 << 16),
                y.decimal("lora.dropout", 0.05, 0, 0.9), y.texts("lora.targets", ALL_PROJECTIONS),
                y.texts("lora.modules_to_save", List.of()),
                y.choice("lora.quantization", Quantization.NONE, Quantization.class, Quantization::id));

        int effective = (int) y.integer("train.effective_batch", 16, 1, 1 << 16);
        int micro = (int) y.integer("train.micro_batch", 1, 1, 1 << 12);
        int gpus = (int) y.integer("launch.gpus", 1, 1, 64);
        if (effective % (micro * gpus) != 0) {
            throw y.error("train.effective_batch", "must be a multiple of micro_batch x gpus (" + micro + " x " + gpus + ")");
        }
        String dtype = y.text("train.dtype", "bfloat16");
        if (!List.of("bfloat16", "float16", "float32").contains(dtype)) {
            throw y.error("train.dtype", "'" + dtype + "' is not one of [bfloat16, float16, float32]");
        }
        Optim optim = new Optim((int) y.integer("train.epochs", sft ? 3 : 1, 1, 1000),
                y.decimal("train.learning_rate", sft ? 1e-4 : 5e-7, 1e-12, 1),
                y.decimal("train.warmup_ratio", 0.05, 0, 0.5), effective, micro,
                y.decimal("train.weight_decay", 0.0, 0, 1), y.decimal("train.max_grad_norm", 1.0, 1e-6, 1e6),
                y.integer("train.seed", 1234, 0, Integer.MAX_VALUE), y.bool("train.gradient_checkpointing", true), dtype,
                (int) y.integer("train.save_every_steps", 100, 1, Integer.MAX_VALUE),
                (int) y.integer("train.keep_checkpoints", 2, 1, 1000), (int) y.integer("train.max_steps", 0, 0, Integer.MAX_VALUE));
        Loss loss = new Loss(y.decimal("loss.reason_weight", 1.0, 0, 100), y.decimal("loss.action_weight", 1.0, 0, 100),
                y.decimal("loss.beta", 0.1, 1e-6, 100));
        if (!sft && (y.has("loss.reason_weight") || y.has("loss.action_weight"))) {
            throw y.error("loss.reason_weight", "reason/action weights apply to SFT only");
        }
        Launch launch = new Launch(gpus, y.text("launch.python", "python3"), Path.of(y.text("launch.worker", defaultWorker())));
        boolean merge = y.bool("merge", false);
        y.rejectUnknown();
        if (!Files.isRegularFile(data.train())) throw y.error("data.train", data.train() + " does not exist");
        if (!Files.isDirectory(launch.worker().resolve("kaizen_worker"))) {
            throw y.error("launch.worker", launch.worker() + " holds no kaizen_worker package");
        }
        return new RunConfig(kind, name, model, out, data, lora, optim, loss, launch, merge);
    }

    /** worker/ beside the jar's folder (ROOT/target/kaizen.jar → ROOT/worker), else ./worker. */
    static String defaultWorker() {
        String env = System.getenv("KAIZEN_WORKER");
        if (env != null && !env.isBlank()) return env;
        try {
            Path jar = Path.of(RunConfigReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve("worker"))) return root.resolve("worker").toString();
        } catch (Exception e) {
            // fall through: unusual class loaders have no code source
        }
        return "worker";
    }
}
