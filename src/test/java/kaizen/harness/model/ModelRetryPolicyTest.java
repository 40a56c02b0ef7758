package kaizen.harness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelRetryPolicyTest {
    @Test
    void defaultBackoffDoublesUpToThirtySeconds() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(6, p.maxAttempts());
        long[] seconds = {1, 2, 4, 8, 16, 30, 30};
        for (int i = 0; i < seconds.length; i++) assertEquals(Duration.ofSeconds(seconds[i]), p.backoff(i + 1));
    }

    @Test
    void jitterStaysInTheUpperHalf() {
        Random random = new Random(42);
        for (int retry = 1; retry <= 8; retry++) {
            Duration full = RetryPolicy.DEFAULT.backoff(retry);
            for (int k = 0; k < 200; k++) {
                Duration d = RetryPolicy.DEFAULT.jitteredBackoff(retry, random);
                assertTrue(d.compareTo(full.dividedBy(2)) >= 0 && d.compareTo(full) <= 0, d + " for " + full);
            }
        }
    }

    @Test
    void retryAfterRaisesTheWaitUpToMaxDelay() {
        Random random = new Random(1);
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(Duration.ofSeconds(5), p.delayBeforeRetry(1, Duration.ofSeconds(5), random));
        assertEquals(Duration.ofSeconds(30), p.delayBeforeRetry(1, Duration.ofSeconds(600), random));
        Duration d = p.delayBeforeRetry(3, Duration.ZERO, random);
        assertTrue(d.compareTo(Duration.ofSeconds(2)) >= 0 && d.compareTo(Duration.ofSeconds(4)) <= 0, d.toString());
    }

    @Test
    void parsesRetryAfter() {
        assertEquals(Duration.ofSeconds(1), OpenAiChatClient.parseRetryAfter("1"));
        assertEquals(Duration.ofMillis(250), OpenAiChatClient.parseRetryAfter(" 0.25 "));
        assertNull(OpenAiChatClient.parseRetryAfter("soon"));
        assertNull(OpenAiChatClient.parseRetryAfter("-3"));
        assertEquals(Duration.ZERO, OpenAiChatClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.DEFAULT.backoff(0));
    }
}
