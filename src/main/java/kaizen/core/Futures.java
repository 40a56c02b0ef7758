package kaizen.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Results of work run in parallel, in submission order. */
public final class Futures {
    private Futures() {}

    /**
     * Waits for every future in order. A task that failed with a runtime exception (a
     * {@link KaizenException} a user can act on, say) rethrows it as it is; anything else, or an
     * interrupt, becomes a KaizenException naming {@code what} ("generation", "replay", ...).
     */
    public static <T> List<T> join(List<Future<T>> futures, String what) {
        List<T> out = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) out.add(f.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new KaizenException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KaizenException(what + " interrupted");
        }
        return out;
    }
}
