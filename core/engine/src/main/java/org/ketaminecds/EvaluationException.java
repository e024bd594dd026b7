package org.ketaminecds;

import org.ketaminecds.fact.CdsException;

/**
 * An evaluation that started with valid input but could not complete (for example, a rule threw). The caller
 * must treat the session as <em>not evaluated</em>: no result is returned, so no "no alerts" can be mistaken for
 * a clean check.
 *
 * @since 0.1.0
 */
public final class EvaluationException extends CdsException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
