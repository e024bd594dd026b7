package org.ketaminecds.fact;

/**
 * Root of every exception Ketamine CDS throws for a domain condition (invalid input, an unusable rule set, an
 * evaluation that could not run). Programmer misuse (a null argument to an API method) is reported with the
 * usual {@link NullPointerException} or {@link IllegalArgumentException} instead.
 *
 * <p>Messages never contain patient identifiers; they may contain the offending value of a field, so hosts
 * that log them must treat them as health information.
 *
 * @since 0.1.0
 */
public abstract class CdsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected CdsException(String message) {
        super(message);
    }

    protected CdsException(String message, Throwable cause) {
        super(message, cause);
    }
}
