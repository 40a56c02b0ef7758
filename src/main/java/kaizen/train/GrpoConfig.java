package kaizen.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A validated GRPO run (docs/TRAINING.md "GRPO" lists every field and its default).
 *
 * @param model the SFT model folder (merged): the policy's base and the KL reference
 * @param template the chat template the prompts are rendered with (e.g. qwen2.5)
 * @param tokenizer the folder holding tokenizer.json (default: the model folder)
 * @param serving {@code Optional.empty()}: the worker's own generation server; else the base URL of
 *     a vLLM server started with LoRA hot-loading (--enable-lora, VLLM_ALLOW_RUNTIME_LORA_UPDATING=True) and
 *     --logprobs-mode processed_logprobs (the step trains the tempered distribution the rollouts sampled)
 */
public record GrpoConfig(String name, Path model, String template, Path tokenizer, Path out, Tasks tasks, Grpo grpo,
                         Lora lora, String dtype, boolean gradientCheckpointing, Optional<String> serving,
                         RunConfig.Launch launch) {

    /** The fresh adapters GRPO trains on top of the SFT model (bf16/fp32 LoRA; no QLoRA here). */
    public record Lora(int r, int alpha, double dropout, java.util.List<String> targets) {
        public Lora {
            targets = java.util.List.copyOf(targets);
        }
    }

    public enum Env {
        HOUSEHOLD, DBBENCH
    }

    /**
     * Where the prompts come from. Household: worlds of the training split, run seed {@code seed};
     * held-out: the held-out split's worlds of {@code --seed heldOutSeed}. DBBench: a tasks.jsonl written by {@code kaizen data gen
     * dbbench}; its last {@code heldOut} tasks are held out. Each evaluation plays them greedily,
     * and {@code heldOutSamples} more times each at the training temperature when that is above 0:
     * the success of the sampled policy GRPO trains, measured on many more episodes than one
     * greedy pass (greedy play also loops into "agent invalid action" far more often).
     */
    public record Tasks(Env env, long seed, Optional<Path> file, int maxTurns, int heldOut, long heldOutSeed, int evalEvery,
                        int heldOutSamples) {}

    public record Grpo(int steps, int promptsPerStep, int generations, double temperature, int maxNewTokens,
                       int maxContext, double kl, double clip, double learningRate, double weightDecay,
                       double maxGradNorm, double partialWeight, double invalidPenalty, int concurrency, int saveEvery, int keepCheckpoints,
                       long seed, int microBatchTokens, boolean prefixCache, LossNormalization lossNormalization) {}

    /**
     * How the step's per-token losses are averaged. {@code EPISODE}: each episode's trained tokens
     * are averaged first, then the episodes (GRPO's per-sequence mean), so every episode weighs the
     * same; {@code TOKEN}: one mean over all trained tokens of the step, so long episodes weigh more.
     * In multi-turn tasks failed episodes are the long ones (they run to the turn limit), and under
     * TOKEN their negative advantages outweighed the successes' positive ones: every step pushed the
     * sampled tokens down on balance (docs/TRAINING.md "GRPO").
     */
    public enum LossNormalization {
        EPISODE, TOKEN
    }

    /** What run.json records; a resumed run must match it (the steps count may grow). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", "grpo");
        m.put("model", model.toString());
        m.put("template", template);
        m.put("tokenizer", tokenizer.toString());
        m.put("tasks", RunConfig.ordered("env", tasks.env().name().toLowerCase(java.util.Locale.ROOT), "seed", tasks.seed(),
                "file", tasks.file().map(Path::toString).orElse(""), "max_turns", tasks.maxTurns(),
                "held_out", tasks.heldOut(), "held_out_seed", tasks.heldOutSeed(), "eval_every", tasks.evalEvery(),
                "held_out_samples", tasks.heldOutSamples()));
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("prompts_per_step", grpo.promptsPerStep());
        g.put("generations", grpo.generations());
        g.put("temperature", grpo.temperature());
        g.put("max_new_tokens", grpo.maxNewTokens());
        g.put("max_context", grpo.maxContext());
        g.put("kl", grpo.kl());
        g.put("clip", grpo.clip());
        g.put("learning_rate", grpo.learningRate());
        g.put("weight_decay", grpo.weightDecay());
        g.put("max_grad_norm", grpo.maxGradNorm());
        g.put("partial_weight", grpo.partialWeight());
        g.put("invalid_penalty", grpo.invalidPenalty());
        g.put("loss_normalization", grpo.lossNormalization().name().toLowerCase(java.util.Locale.ROOT));
        g.put("seed", grpo.seed());
        m.put("grpo", g);
        m.put("lora", RunConfig.ordered("r", lora.r(), "alpha", lora.alpha(), "dropout", lora.dropout(), "targets", lora.targets()));
        m.put("dtype", dtype);
        m.put("serving", serving.orElse("worker"));
        return m;
    }
}
