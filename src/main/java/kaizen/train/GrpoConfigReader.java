package kaizen.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kaizen.train.GrpoConfig.Env;

/**
 * Reads a GRPO RUN.yaml. Defaults are the plan's: 4 generations per prompt, temperature 0.8,
 * KL 0.05, learning rate 1e-6, up to 1024 new tokens; clip 0.2 and the rest are ours.
 */
public final class GrpoConfigReader {
    private GrpoConfigReader() {}

    public static GrpoConfig read(Path file) {
        YamlFields y = YamlFields.read(file);
        String declared = y.text("kind", "grpo");
        if (!declared.equals("grpo")) throw y.error("kind", "this file is a " + declared + " run; use 'kaizen train " + declared + "'");
        String name = y.requiredText("name");
        if (!name.matches("[A-Za-z0-9._-]+")) throw y.error("name", "use letters, digits, '.', '_' and '-' only");
        Path model = Path.of(y.requiredText("model"));
        String template = y.requiredText("template");
        Path tokenizer = Path.of(y.text("tokenizer", model.toString()));
        Path out = Path.of(y.text("out", "runs/train/" + name));

        Env env = y.choice("tasks.env", Env.HOUSEHOLD, Env.class, s -> s.name().toLowerCase(Locale.ROOT));
        Optional<Path> tasksFile = y.has("tasks.file") ? Optional.of(Path.of(y.requiredText("tasks.file"))) : Optional.empty();
        if (env == Env.DBBENCH && tasksFile.isEmpty()) {
            throw y.error("tasks.file", "is required for tasks.env dbbench (a tasks.jsonl from 'kaizen data gen dbbench')");
        }
        if (env == Env.HOUSEHOLD && tasksFile.isPresent()) throw y.error("tasks.file", "household tasks are generated worlds; remove it");
        GrpoConfig.Tasks tasks = new GrpoConfig.Tasks(env, y.integer("tasks.seed", 2, 0, 999_999_999), tasksFile,
                (int) y.integer("tasks.max_turns", env == Env.HOUSEHOLD ? 30 : 15, 1, 1000),
                (int) y.integer("tasks.held_out", 64, 0, 1_000_000), y.integer("tasks.held_out_seed", 1, 0, 999_999_999),
                (int) y.integer("tasks.eval_every", 50, 0, 1_000_000), (int) y.integer("tasks.held_out_samples", 0, 0, 64));

        int generations = (int) y.integer("grpo.generations", 4, 2, 1024);
        GrpoConfig.Grpo grpo = new GrpoConfig.Grpo((int) y.integer("grpo.steps", 200, 1, 10_000_000),
                (int) y.integer("grpo.prompts_per_step", 8, 1, 1 << 16), generations,
                y.decimal("grpo.temperature", 0.8, 0.01, 10), (int) y.integer("grpo.max_new_tokens", 1024, 1, 1 << 20),
                (int) y.integer("grpo.max_context", 8192, 16, 1 << 22), y.decimal("grpo.kl", 0.05, 0, 100),
                y.decimal("grpo.clip", 0.2, 1e-4, 10), y.decimal("grpo.learning_rate", 1e-6, 1e-12, 1),
                y.decimal("grpo.weight_decay", 0.0, 0, 1), y.decimal("grpo.max_grad_norm", 1.0, 1e-6, 1e6),
                y.decimal("grpo.partial_weight", 0.5, 0, 1), y.decimal("grpo.invalid_penalty", 0.0, 0, 1), (int) y.integer("grpo.concurrency", 64, 1, 4096),
                (int) y.integer("grpo.save_every", 25, 1, Integer.MAX_VALUE),
                (int) y.integer("grpo.keep_checkpoints", 2, 1, 1000), y.integer("grpo.seed", 1234, 0, Integer.MAX_VALUE),
                (int) y.integer("grpo.micro_batch_tokens", 32768, 16, 1 << 26), y.bool("grpo.prefix_cache", true),
                y.choice("grpo.loss_normalization", GrpoConfig.LossNormalization.EPISODE, GrpoConfig.LossNormalization.class,
                        n -> n.name().toLowerCase(Locale.ROOT)));
        GrpoConfig.Lora lora = new GrpoConfig.Lora((int) y.integer("lora.r", 64, 1, 4096), (int) y.integer("lora.alpha", 128, 1, 1 << 16),
                y.decimal("lora.dropout", 0.0, 0, 0.9), y.texts("lora.targets", RunConfigReader.ALL_PROJECTIONS));
        String dtype = y.text("train.dtype", "bfloat16");
        if (!List.of("bfloat16", "float16", "float32").contains(dtype)) {
            throw y.error("train.dtype", "'" + dtype + "' is not one of [bfloat16, float16, float32]");
        }
        boolean checkpointing = y.bool("train.gradient_checkpointing", false);
        String serving = y.text("serving.url", "worker");
        RunConfig.Launch launch = new RunConfig.Launch(1, y.text("launch.python", "python3"),
                Path.of(y.text("launch.worker", RunConfigReader.defaultWorker())));
        y.rejectUnknown();
        if (!Files.isDirectory(model)) throw y.error("model", model + " is not a folder (the SFT model, merged)");
        if (!Files.isRegularFile(tokenizer.resolve("tokenizer.json"))) {
            throw y.error(y.has("tokenizer") ? "tokenizer" : "model", tokenizer + " holds no tokenizer.json (set 'tokenizer:' to the folder that does)");
        }
        if (tasksFile.isPresent() && !Files.isRegularFile(tasksFile.get())) throw y.error("tasks.file", tasksFile.get() + " does not exist");
        if (!Files.isDirectory(launch.worker().resolve("kaizen_worker"))) {
            throw y.error("launch.worker", launch.worker() + " holds no kaizen_worker package");
        }
        return new GrpoConfig(name, model, template, tokenizer, out, tasks, grpo, lora, dtype, checkpointing,
                serving.equals("worker") ? Optional.empty() : Optional.of(serving), launch);
    }
}
