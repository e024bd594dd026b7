package org.ketaminecds.hooks;

/**
 * Told what the handler did, for a host's metrics (the service records them with Micrometer). It sees no patient
 * data: service ids, statuses, durations, the evaluation's cards and status, prefetch keys.
 *
 * @since 0.2.0
 */
public interface HookListener {
    /** Listens to nothing. */
    HookListener NONE = new HookListener() {};

    /** A service call was answered. */
    default void responded(String serviceId, int status, long nanos) {}

    /** A service call was evaluated; {@code evaluation} holds the cards shown. */
    default void evaluated(String serviceId, org.ketaminecds.cds.Evaluation evaluation, long nanos) {}

    /** A prefetch key could not be fetched. */
    default void fetchFailed(String serviceId, String prefetchKey, String reason) {}
}
