package org.ketaminecds.fact;

/**
 * Input that cannot be evaluated: a fact outside its allowed range, a missing mandatory field, malformed or
 * unknown JSON. The message names the field (or JSON path), the value and what is allowed.
 *
 * @since 0.1.0
 */
public final class InvalidFactException extends CdsException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path where the problem is: a JSON path such as {@code $.medications.entries[2].status}, or a field
     *     name when the fact was built in Java (then the path is relative to the record that rejected it)
     * @param problem what is wrong, naming the value and what is allowed
     */
    public InvalidFactException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path (or field name) of the offending input. */
    public String path() {
        return path;
    }

    /** The problem without the path prefix. */
    public String problem() {
        return getMessage().substring(path.length() + 2);
    }
}
