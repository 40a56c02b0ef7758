package kaizen.harness.model;

import java.time.Duration;

/**
 * A snapshot of a model client's counters, for progress lines and metrics.
 *
 * @param calls {@code complete} calls started
 * @param attempts HTTP requests sent for them (first tries and retries)
 * @param retries attempts that repeated a failed one
 * @param failures calls that ended in {@link ModelUnavailableException} (retries exhausted, or a
 *     request the endpoint rejected outright)
 * @param contextLimits calls that ended in {@link ModelReply.ContextLimit}
 * @param totalLatency time spent waiting on HTTP attempts, summed over all attempts
 */
public record ModelCallStats(
        long calls, long attempts, long retries, long failures, long contextLimits, Duration totalLatency) {

    /** Mean time of one HTTP attempt; zero before the first. */
    public Duration meanAttemptLatency() {
        return attempts == 0 ? Duration.ZERO : totalLatency.dividedBy(attempts);
    }
}
