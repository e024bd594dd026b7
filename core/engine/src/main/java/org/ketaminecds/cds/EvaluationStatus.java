package org.ketaminecds.cds;

/**
 * Whether every check could run.
 *
 * @since 0.1.0
 */
public enum EvaluationStatus {
    /** Every check ran on the input given. An empty card list then really means "nothing to report". */
    COMPLETE,
    /** At least one check could not run for lack of input; see {@link Evaluation#notEvaluated()}. */
    INCOMPLETE
}
