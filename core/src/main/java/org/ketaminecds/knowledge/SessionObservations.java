package org.ketaminecds.knowledge;

import java.time.Instant;

/**
 * A derived fact: the lowest and latest observations of the session (from the start of the pre-dose window to
 * {@code asOf}). Null fields were not recorded. {@code spo2AfterDose} and {@code sedationAfterDose}: whether the latest
 * SpO2 or MOAA/S was taken after the recorded dose.
 *
 * @since 0.1.0
 */
public record SessionObservations(
        Integer minSpo2,
        Instant minSpo2At,
        Integer latestSpo2,
        Instant latestSpo2At,
        Integer minRespiratoryRate,
        Instant minRespiratoryRateAt,
        Integer latestRespiratoryRate,
        Integer minMoaas,
        Instant minMoaasAt,
        Integer latestMoaas,
        Instant latestMoaasAt,
        Integer latestCadss,
        Instant latestCadssAt,
        Integer preDoseCadss,
        boolean spo2AfterDose,
        boolean sedationAfterDose) {}
