package kaizen.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kaizen.core.Message;
import kaizen.harness.model.ChatModel;
import kaizen.harness.model.ModelReply;
import kaizen.harness.model.ModelUnavailableException;
import kaizen.tokenizer.ChatEncoder;

/**
 * The policy as the harness's episodes see it: a {@link ChatModel} that renders each prompt with
 * Kaizen's chat template and tokenizer, asks the serving endpoint for a completion on those token
 * ids (vLLM's {@code /v1/completions} with {@code logprobs} and {@code return_tokens_as_token_ids};
 * the worker's server speaks the same), and keeps every turn's ids and log-probs for training.
 * One instance per episode (it records that episode's turns); not thread-safe.
 */
final class RolloutModel implements ChatModel {
    /** One model call: the prompt ids sent, the ids sampled (end token included) and their log-probs. */
    record Turn(int[] prompt, int[] generated, float[] logprobs, boolean stopped) {
        Turn {
            if (generated.length != logprobs.length) throw new IllegalArgumentException("one log-prob per generated token");
        }
    }

    private final PolicyServer server;
    private final ChatEncoder encoder;
    private final String modelName;
    private final double temperature;
    private final int maxNewTokens;
    private final int maxContext;
    private final List<Turn> turns = new ArrayList<>();
    private long modelNanos;

    RolloutModel(PolicyServer server, ChatEncoder encoder, String modelName, double temperature, int maxNewTokens, int maxContext) {
        this.server = server;
        this.encoder = encoder;
        this.modelName = modelName;
        this.temperature = temperature;
        this.maxNewTokens = maxNewTokens;
        this.maxContext = maxContext;
    }

    @Override
    public ModelReply complete(List<Message> messages) throws ModelUnavailableException {
        int[] prompt = encoder.promptIds(messages);
        int room = maxContext - prompt.length;
        if (room <= 0) return new ModelReply.ContextLimit(prompt.length + " prompt tokens, context " + maxContext);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", modelName);
        body.put("prompt", prompt);
        body.put("max_tokens", Math.min(maxNewTokens, room));
        body.put("temperature", temperature);
        body.put("logprobs", 0);
        body.put("return_tokens_as_token_ids", true);
        body.put("skip_special_tokens", false);
        long t0 = System.nanoTime();
        JsonNode reply = server.post("/v1/completions", body, 3);
        modelNanos += System.nanoTime() - t0;
        Turn turn = parse(prompt, reply.path("choices").path(0));
        turns.add(turn);
        return new ModelReply.Text(encoder.tokenizer().decode(content(turn)));
    }

    /** The generated ids without the end token: what the reply's text is. */
    private static int[] content(Turn t) {
        return t.stopped() && t.generated().length > 0 ? Arrays.copyOf(t.generated(), t.generated().length - 1) : t.generated();
    }

    static Turn parse(int[] prompt, JsonNode choice) throws ModelUnavailableException {
        JsonNode tokens = choice.path("logprobs").path("tokens");
        JsonNode lps = choice.path("logprobs").path("token_logprobs");
        if (!tokens.isArray() || !lps.isArray() || tokens.size() != lps.size()) {
            throw new ModelUnavailableException("the completion has no token ids with log-probs (ask for logprobs and "
                    + "return_tokens_as_token_ids; vLLM and the worker's server give them): " + choice);
        }
        int[] ids = new int[tokens.size()];
        float[] logprobs = new float[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            String t = tokens.get(i).asText();
            if (!t.startsWith("token_id:")) throw new ModelUnavailableException("token " + i + " is '" + t + "', not token_id:N");
            ids[i] = Integer.parseInt(t.substring("token_id:".length()));
            logprobs[i] = (float) lps.get(i).asDouble();
        }
        return new Turn(prompt, ids, logprobs, "stop".equals(choice.path("finish_reason").asText()));
    }

    List<Turn> turns() {
        return List.copyOf(turns);
    }

    /** Time spent waiting for the endpoint. */
    long modelNanos() {
        return modelNanos;
    }
}
