package org.ketaminecds;

import org.ketaminecds.fact.CdsException;

/**
 * The rule set could not be loaded or failed verification (for example, the rules jar is not on the class
 * path, or its knowledge base holds no rules). Thrown when the engine is built, never during an evaluation.
 *
 * @since 0.1.0
 */
public final class RuleSetException extends CdsException {
    private static final long serialVersionUID = 1L;

    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
