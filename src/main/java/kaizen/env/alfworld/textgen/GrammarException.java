package kaizen.env.alfworld.textgen;

import kaizen.core.KaizenException;

/** A game's grammar cannot be read, or cannot produce text in some state. */
public final class GrammarException extends KaizenException {
    public GrammarException(String message) {
        super(message);
    }
}
