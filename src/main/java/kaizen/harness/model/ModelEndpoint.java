package kaizen.harness.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import kaizen.core.KaizenException;

/**
 * Where an OpenAI-compatible server lives, worked out from the URL a user typed.
 *
 * <p>{@link #parse} accepts, for a server on port 8000:
 * <ul>
 *   <li>the base URL, as vLLM, SGLang, llama.cpp, Ollama and OpenAI document it:
 *       {@code http://localhost:8000/v1};
 *   <li>the full chat endpoint: {@code http://localhost:8000/v1/chat/completions};
 *   <li>the models endpoint: {@code http://localhost:8000/v1/models};
 *   <li>a URL with no path at all, {@code http://localhost:8000}, which means
 *       {@code http://localhost:8000/v1} (every common server serves the API under /v1);
 *   <li>no scheme, {@code localhost:8000/v1}, which means {@code http://localhost:8000/v1}.
 * </ul>
 * Any other path is taken as the base as it stands ({@code http://proxy/openai} posts to
 * {@code http://proxy/openai/chat/completions}); trailing slashes are ignored and a query string
 * is kept on every endpoint. A server whose API sits at the root is given by its full chat
 * endpoint, {@code http://host:port/chat/completions}. The legacy text endpoint {@code .../completions} is refused, since
 * Kaizen speaks the chat API.
 *
 * @param base the API base, without a trailing slash, e.g. {@code http://localhost:8000/v1}
 * @param chatCompletions {@code base + "/chat/completions"}
 * @param models {@code base + "/models"}
 */
public record ModelEndpoint(URI base, URI chatCompletions, URI models) {
    private static final String CHAT = "/chat/completions";
    private static final String MODELS = "/models";
    private static final String LEGACY = "/completions";

    public ModelEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(chatCompletions, "chatCompletions");
        Objects.requireNonNull(models, "models");
    }

    /**
     * Interprets a user's URL as described above.
     *
     * @throws KaizenException naming the URL and what is wrong with it
     */
    public static ModelEndpoint parse(String url) {
        if (url == null || url.isBlank()) throw bad(String.valueOf(url), "no URL given (expected e.g. http://localhost:8000/v1)");
        String text = url.strip();
        if (!text.contains("://")) text = "http://" + text;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(url, "not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad(url, "the scheme must be http or https, not '" + uri.getScheme() + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw bad(url, "no host name (expected e.g. http://localhost:8000/v1)");
        }
        if (uri.getRawFragment() != null) throw bad(url, "a '#' fragment has no meaning here; remove it");
        if (uri.getRawUserInfo() != null) throw bad(url, "user:password@ in the URL is not supported; pass an API key instead");

        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.endsWith(CHAT)) {
            path = path.substring(0, path.length() - CHAT.length());
        } else if (path.endsWith(MODELS)) {
            path = path.substring(0, path.length() - MODELS.length());
        } else if (path.endsWith(LEGACY)) {
            throw bad(url, "that is the legacy text-completions endpoint; give the API base instead, e.g. "
                    + scheme + "://" + uri.getRawAuthority() + path.substring(0, path.length() - LEGACY.length()));
        } else if (path.isEmpty()) {
            // No path at all: the conventional /v1. A server whose API really sits at the root can
            // be given as http://host:port/chat/completions.
            path = "/v1";
        }
        String prefix = scheme + "://" + uri.getRawAuthority() + path;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new ModelEndpoint(URI.create(prefix), URI.create(prefix + CHAT + query), URI.create(prefix + MODELS + query));
    }

    private static KaizenException bad(String url, String problem) {
        return new KaizenException("model URL '" + url + "': " + problem);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
