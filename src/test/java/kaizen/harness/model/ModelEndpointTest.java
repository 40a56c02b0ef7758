package kaizen.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kaizen.core.KaizenException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelEndpointTest {
    @ParameterizedTest
    @CsvSource({
        "http://localhost:8000/v1,                      http://localhost:8000/v1",
        "http://localhost:8000/v1/,                     http://localhost:8000/v1",
        "http://localhost:8000/v1/chat/completions,     http://localhost:8000/v1",
        "http://localhost:8000/v1/chat/completions/,    http://localhost:8000/v1",
        "http://localhost:8000/v1/models,               http://localhost:8000/v1",
        "http://localhost:8000,                         http://localhost:8000/v1",
        "http://localhost:8000/,                        http://localhost:8000/v1",
        "localhost:8000/v1,                             http://localhost:8000/v1",
        "localhost:8000,                                http://localhost:8000/v1",
        "'  http://localhost:8000/v1  ',                http://localhost:8000/v1",
        "HTTPS://api.example.com/v1,                    https://api.example.com/v1",
        "http://proxy:9000/openai,                      http://proxy:9000/openai",
        "http://proxy:9000/openai/chat/completions,     http://proxy:9000/openai",
        "http://host:8000/chat/completions,             http://host:8000",
        "http://[::1]:8000/v1,                          http://[::1]:8000/v1",
    })
    void interpretsUrls(String url, String base) {
        ModelEndpoint e = ModelEndpoint.parse(url);
        assertEquals(base, e.base().toString());
        assertEquals(base + "/chat/completions", e.chatCompletions().toString());
        assertEquals(base + "/models", e.models().toString());
    }

    @org.junit.jupiter.api.Test
    void keepsTheQueryOnEveryEndpoint() {
        ModelEndpoint e = ModelEndpoint.parse("https://h/openai/v1?api-version=2024-02-01");
        assertEquals("https://h/openai/v1/chat/completions?api-version=2024-02-01", e.chatCompletions().toString());
        assertEquals("https://h/openai/v1/models?api-version=2024-02-01", e.models().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ftp://host/v1", "http://", "http://host/v1#x", "http://u:p@host/v1",
        "http://host:8000/v1/completions", "http://host:8000/v 1"})
    void rejectsUnusableUrls(String url) {
        var e = assertThrows(KaizenException.class, () -> ModelEndpoint.parse(url));
        assertTrue(e.getMessage().startsWith("model URL '"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void legacyCompletionsSuggestsTheBase() {
        var e = assertThrows(KaizenException.class, () -> ModelEndpoint.parse("http://host:8000/v1/completions"));
        assertTrue(e.getMessage().endsWith("give the API base instead, e.g. http://host:8000/v1"), e.getMessage());
    }
}
