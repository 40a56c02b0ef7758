package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import kaizen.core.Jsonl;
import kaizen.core.JsonlRecord;
import kaizen.core.Message;
import kaizen.train.RunConfig.DataFormat;
import kaizen.train.RunConfig.Kind;

/**
 * Turns the run's data file into shards. One JSON object a line:
 * <ul>
 *   <li>SFT, messages: {@code {"messages": [{role, content, weight?}, ...]}} (a trajectories.jsonl line;
 *       an assistant message with {@code "weight": 0} is context, not trained);</li>
 *   <li>SFT, tokens: {@code {"ids": [...], "loss": [0|1, ...], "reason": [...], "action": [...]}}
 *       (reason and action optional);</li>
 *   <li>DPO, messages: {@code {"prompt": [messages], "chosen": [messages], "rejected": [messages]}};</li>
 *   <li>DPO, tokens: {@code {"prompt": [ids], "chosen": [ids], "rejected": [ids]}}.</li>
 * </ul>
 * Every id must be below the model's vocab_size; every SFT example needs a trained token.
 */
public final class ShardBuilder {
    private final RunConfig config;
    private final int vocabSize;
    private final ExampleRenderer renderer;

    /** {@code renderer} is used for data.format messages only. */
    public ShardBuilder(RunConfig config, int vocabSize, ExampleRenderer renderer) {
        this.config = config;
        this.vocabSize = vocabSize;
        this.renderer = renderer;
    }

    public ShardIndex build(Path folder) {
        RunConfig.Data d = config.data();
        try (ShardWriter writer = new ShardWriter(folder, config.kind(), d.layout(), d.maxLength(), d.shardTokens())) {
            Jsonl.forEach(d.train(), r -> {
                boolean kept = config.kind() == Kind.SFT ? writer.add(sft(r)) : writer.add(dpo(r));
                if (!kept && d.overlong() == RunConfig.Overlong.ERROR) {
                    throw r.error("", "longer than data.max_length " + d.maxLength() + " (set data.overlong: drop to skip such lines)");
                }
            });
            ShardIndex index = writer.index();
            if (index.examples() == 0) {
                throw new kaizen.core.KaizenException(d.train() + ": no usable examples (" + index.droppedOverlong()
                        + " longer than max_length " + d.maxLength() + ")");
            }
            return index;
        }
    }

    private TokenizedExample sft(JsonlRecord r) {
        TokenizedExample e;
        if (config.data().format() == DataFormat.TOKENS) {
            int[] ids = ids(r, "ids");
            boolean[] loss = mask(r, "loss", ids.length, true);
            e = new TokenizedExample(ids, TokenFlags.of(loss, mask(r, "reason", ids.length, false),
                    mask(r, "action", ids.length, false)));
        } else {
            List<Message> messages = messages(r, "messages");
            BitSet untrained = untrained(r, "messages");
            e = renderer.sft(messages, i -> !untrained.get(i));
            checkVocab(r, "messages", e.ids());
        }
        if (e.trainedTokens() == 0) throw r.error("", "no token is trained (no assistant reply, or an all-zero loss mask)");
        return e;
    }

    private PreferencePair dpo(JsonlRecord r) {
        if (config.data().format() == DataFormat.TOKENS) {
            return new PreferencePair(ids(r, "prompt"), nonEmpty(r, "chosen"), nonEmpty(r, "rejected"));
        }
        PreferencePair p = renderer.dpo(messages(r, "prompt"), messages(r, "chosen"), messages(r, "rejected"));
        checkVocab(r, "prompt", p.prompt());
        checkVocab(r, "chosen", p.chosen());
        checkVocab(r, "rejected", p.rejected());
        return p;
    }

    private int[] nonEmpty(JsonlRecord r, String field) {
        int[] ids = ids(r, field);
        if (ids.length == 0) throw r.error(field, "is empty");
        return ids;
    }

    private int[] ids(JsonlRecord r, String field) {
        JsonNode a = r.array(field);
        int[] ids = new int[a.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode n = a.get(i);
            if (!n.canConvertToInt() || !n.isIntegralNumber()) throw r.error(field + "[" + i + "]", "expected a token id");
            ids[i] = n.asInt();
        }
        checkVocab(r, field, ids);
        return ids;
    }

    private void checkVocab(JsonlRecord r, String field, int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw r.error(field + "[" + i + "]", "token id " + ids[i] + " is outside the model's vocabulary [0, " + vocabSize + ")");
            }
        }
    }

    private static boolean[] mask(JsonlRecord r, String field, int n, boolean required) {
        JsonNode a = r.node().get(field);
        if (a == null && !required) return new boolean[n];
        a = r.array(field);
        if (a.size() != n) throw r.error(field, "has " + a.size() + " entries for " + n + " ids");
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            JsonNode v = a.get(i);
            if (v.isBoolean()) m[i] = v.asBoolean();
            else if (v.isInt() && (v.asInt() == 0 || v.asInt() == 1)) m[i] = v.asInt() == 1;
            else throw r.error(field + "[" + i + "]", "expected 0, 1, true or false");
        }
        return m;
    }

    private static List<Message> messages(JsonlRecord r, String field) {
        JsonNode a = r.array(field);
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            try {
                out.add(Message.fromJson(a.get(i)));
            } catch (IllegalArgumentException e) {
                throw r.error(field + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    /**
     * The messages marked {@code "weight": 0} (OpenAI's fine-tuning convention: such an assistant
     * message is context, not trained); absent or 1 = trained.
     */
    private static BitSet untrained(JsonlRecord r, String field) {
        JsonNode a = r.array(field);
        BitSet out = new BitSet();
        for (int i = 0; i < a.size(); i++) {
            JsonNode w = a.get(i).get("weight");
            if (w == null) continue;
            if (!w.isNumber() || (w.asDouble() != 0 && w.asDouble() != 1)) {
                throw r.error(field + "[" + i + "].weight", "expected 0 (not trained) or 1 (trained)");
            }
            if (w.asDouble() == 0) out.set(i);
        }
        return out;
    }
}
