package kaizen.harness.model;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often, and how patiently, a model call is retried.
 *
 * <p>Retry {@code n} (1 for the first retry) waits {@code min(maxDelay, initialDelay *
 * multiplier^(n-1))}, jittered to a uniformly random point in the upper half of that span
 * (so that many callers failing together do not retry in lockstep). A server's
 * {@code Retry-After} raises the wait to at least what it asks, still capped at {@code maxDelay}.
 *
 * @param maxAttempts total attempts per call, the first one included (at least 1)
 * @param initialDelay the wait before the first retry
 * @param maxDelay the longest single wait
 * @param multiplier growth of the wait per retry (at least 1)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier) {
    /** 6 attempts, 1 s, 2 s, 4 s, 8 s, 16 s apart (before jitter), never more than 30 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        if (initialDelay.isNegative()) throw new IllegalArgumentException("initialDelay must not be negative");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
    }

    /** One attempt, no retries. */
    public static RetryPolicy noRetries() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, multiplier);
    }

    /** The wait before retry {@code retry} (1-based), before jitter. */
    public Duration backoff(int retry) {
        if (retry < 1) throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, retry - 1);
        long max = maxDelay.toNanos();
        return Duration.ofNanos(nanos >= max ? max : (long) nanos);
    }

    /** The wait before retry {@code retry}, jittered into {@code [backoff/2, backoff]}. */
    public Duration jitteredBackoff(int retry, RandomGenerator random) {
        long full = backoff(retry).toNanos();
        long half = full / 2;
        long jitter = full - half <= 0 ? 0 : random.nextLong(full - half + 1);
        return Duration.ofNanos(half + jitter);
    }

    /**
     * The wait before retry {@code retry} when the server asked for {@code retryAfter} (null when
     * it did not): the jittered backoff, raised to the server's wish, capped at {@code maxDelay}.
     */
    public Duration delayBeforeRetry(int retry, Duration retryAfter, RandomGenerator random) {
        Duration d = jitteredBackoff(retry, random);
        if (retryAfter != null && retryAfter.compareTo(d) > 0) d = retryAfter;
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
