package kaizen.harness.model;

import kaizen.core.Message;
import java.util.List;

/** A chat model the harness talks to: an OpenAI-compatible endpoint in real use. */
public interface ChatModel {
    /**
     * Sends the whole conversation and returns the model's reply.
     *
     * @throws ModelUnavailableException when the endpoint cannot give a usable answer after
     *     all retries (unreachable, 5xx, 429, malformed JSON, timeouts); the episode is then
     *     not finished and a resumed run tries it again.
     */
    ModelReply complete(List<Message> messages) throws ModelUnavailableException;
}
