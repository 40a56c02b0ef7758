package kaizen.core;

/**
 * An error the user can act on. The CLI prints its message without a stack trace
 * (unless --debug), so the message must say what is wrong and where.
 */
public class KaizenException extends RuntimeException {
    public KaizenException(String message) {
        super(message);
    }

    public KaizenException(String message, Throwable cause) {
        super(message, cause);
    }
}
