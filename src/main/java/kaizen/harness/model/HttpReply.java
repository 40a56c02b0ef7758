package kaizen.harness.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response as the model client reads it.
 *
 * @param status the status code
 * @param headers the first value of each header, by lower-case name
 * @param body the body decoded as UTF-8 (the OpenAI API's charset)
 */
record HttpReply(int status, Map<String, String> headers, String body) {
    HttpReply {
        headers = Map.copyOf(headers);
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
