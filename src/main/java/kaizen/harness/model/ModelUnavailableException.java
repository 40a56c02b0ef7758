package kaizen.harness.model;

import kaizen.core.KaizenException;

/** The model endpoint could not answer usefully after every retry. */
public final class ModelUnavailableException extends KaizenException {
    public ModelUnavailableException(String message) {
        super(message);
    }

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
