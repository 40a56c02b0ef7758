package kaizen.harness.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kaizen.testing.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

/** AgentBench's check_context_limit, word for word. */
class ModelContextLimitRuleTest {
    @Test
    void vllmContextLengthMessageMatches() {
        assertTrue(ContextLimitRule.matches(FakeOpenAiServer.CONTEXT_LENGTH_MESSAGE));
        assertTrue(ContextLimitRule.matches(FakeOpenAiServer.contextLengthErrorBody()));
    }

    @Test
    void needsOneWordFromEachGroup() {
        assertFalse(ContextLimitRule.matches("prompt"));
        assertFalse(ContextLimitRule.matches("limit exceeded"));
        assertTrue(ContextLimitRule.matches("PROMPT LIMIT"), "case-insensitive");
        assertTrue(ContextLimitRule.matches("tokens not supported"), "plain substrings: 'up' in 'supported'");
        assertTrue(ContextLimitRule.matches("This model's maximum context length is 4097 tokens"));
        assertFalse(ContextLimitRule.matches("Invalid role: tool"));
        assertFalse(ContextLimitRule.matches("The model `x` does not exist."));
        assertFalse(ContextLimitRule.matches(""));
        assertFalse(ContextLimitRule.matches(null));
    }

    @Test
    void everyWordCounts() {
        for (String subject : ContextLimitRule.SUBJECT_WORDS) {
            for (String excess : ContextLimitRule.EXCESS_WORDS) {
                assertTrue(ContextLimitRule.matches("x" + subject + "y" + excess + "z"), subject + "/" + excess);
            }
            assertFalse(ContextLimitRule.matches(subject));
        }
        for (String excess : ContextLimitRule.EXCESS_WORDS) assertFalse(ContextLimitRule.matches(excess));
    }
}
