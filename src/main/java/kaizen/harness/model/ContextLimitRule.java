package kaizen.harness.model;

import java.util.List;
import java.util.Locale;

/**
 * AgentBench's test for "the conversation is too long" on a failed model call.
 *
 * <p>AgentBench's HTTP agent lower-cases the body of every non-200 response and treats it as a
 * context-limit error when it contains at least one word of each group below (plain substring
 * checks, so {@code "up"} also matches {@code "supported"}). The rule is loose on purpose and is
 * kept word for word so that Kaizen ends episodes the way AgentBench does.
 */
public final class ContextLimitRule {
    /** At least one of these must occur. */
    public static final List<String> SUBJECT_WORDS = List.of("prompt", "context", "tokens");

    /** And at least one of these. */
    public static final List<String> EXCESS_WORDS =
            List.of("limit", "exceed", "max", "long", "much", "many", "reach", "over", "up", "beyond");

    private ContextLimitRule() {}

    /** Whether AgentBench would call this error body a context-limit error. */
    public static boolean matches(String body) {
        if (body == null || body.isEmpty()) return false;
        String lower = body.toLowerCase(Locale.ROOT);
        return containsAny(lower, SUBJECT_WORDS) && containsAny(lower, EXCESS_WORDS);
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String w : words) {
            if (text.contains(w)) return true;
        }
        return false;
    }
}
