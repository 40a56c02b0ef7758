package kaizen.cli;

import java.time.Duration;
import java.util.List;
import kaizen.core.KaizenException;
import kaizen.harness.model.OpenAiChatClient;
import kaizen.harness.model.RetryPolicy;
import picocli.CommandLine.Option;

/** The model endpoint and AgentBench's request settings, shared by every eval command. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "URL", description = "OpenAI-compatible base URL, e.g. http://localhost:8000/v1.")
    String modelUrl;

    @Option(names = "--model-name", paramLabel = "NAME", description = "Model name sent in requests (default: the endpoint's first model).")
    String modelName;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Bearer key (default: $KAIZEN_API_KEY or $OPENAI_API_KEY).")
    String apiKey;

    @Option(names = "--temperature", defaultValue = "0", description = "Sampling temperature (AgentBench: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--max-tokens", defaultValue = "512", description = "Completion length limit (AgentBench: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--request-timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per model call (default: ${DEFAULT-VALUE}).")
    int requestTimeout;

    @Option(names = "--retries", defaultValue = "6", description = "Attempts per model call on 429/5xx/timeouts (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--tokenizer", paramLabel = "DIR", description = {
        "The served model's folder (tokenizer.json): with --max-model-len, Kaizen counts each prompt's tokens with",
        "the model's chat template and finishes with 'context limit' before asking, as vLLM would refuse it."})
    java.nio.file.Path tokenizer;

    @Option(names = "--max-model-len", paramLabel = "TOKENS", description = "The server's context length (vLLM's --max-model-len), for --tokenizer.")
    Integer maxModelLength;

    /** The model each episode talks to: the client, behind Kaizen's own context check when asked for. */
    kaizen.harness.model.ChatModel budgeted(OpenAiChatClient client) {
        if ((tokenizer == null) != (maxModelLength == null)) {
            throw new KaizenException("--tokenizer and --max-model-len go together");
        }
        if (tokenizer == null) return client;
        kaizen.tokenizer.ChatEncoder counter;
        try {
            counter = kaizen.tokenizer.ChatEncoder.forModel(tokenizer, client.modelName());
        } catch (IllegalArgumentException byServedName) {
            try { // a served name like "qwen" says nothing; the folder usually does
                counter = kaizen.tokenizer.ChatEncoder.forModel(tokenizer, tokenizer.toAbsolutePath().normalize().getFileName().toString());
            } catch (IllegalArgumentException byFolder) {
                throw new KaizenException("--tokenizer: " + byServedName.getMessage());
            }
        }
        if (maxModelLength < 1) throw new KaizenException("--max-model-len must be positive");
        return new kaizen.harness.model.ContextBudget(client, counter, maxTokens, maxModelLength);
    }

    /** A client for --model; asks the endpoint for its first model when --model-name is absent. */
    OpenAiChatClient client() {
        if (modelUrl == null) throw new KaizenException("--agent model needs --model URL (or use --agent oracle)");
        String key = apiKey != null ? apiKey : System.getenv().getOrDefault("KAIZEN_API_KEY", System.getenv("OPENAI_API_KEY"));
        String name = modelName;
        if (name == null) {
            try (OpenAiChatClient probe = OpenAiChatClient.builder(modelUrl, "probe").apiKey(key).build()) {
                List<String> models = probe.listModels();
                if (models.isEmpty()) throw new KaizenException(modelUrl + " lists no models; give --model-name");
                name = models.getFirst();
            }
        }
        return OpenAiChatClient.builder(modelUrl, name).apiKey(key).temperature(temperature).maxTokens(maxTokens)
                .requestTimeout(Duration.ofSeconds(requestTimeout))
                .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(retries)).build();
    }
}
