package org.ketaminecds.knowledge;

import java.time.Instant;

/**
 * A derived fact: the lowest and latest observations of the session (from the start of the pre-dose window to
 * {@code asOf}). Null fields were not recorded. {@code spo2AfterDose} and {@code sedationAfterDose}: whether the latest
 * SpO2 or MOAA/S was taken after the recorded dose. {@code latestDissociation}: the latest dissociation observation
 * after the dose (or, before dosing, in the window); {@code preDoseCadss}: the latest CADSS at or before the dose. The
 * heart-rate extremes count readings after the recorded dose only.
 *
 * @since 0.1.0
 */
public record SessionObservations(
        Double minSpo2,
        Instant minSpo2At,
        Double latestSpo2,
        Instant latestSpo2At,
        Double minRespiratoryRate,
        Instant minRespiratoryRateAt,
        Double latestRespiratoryRate,
        Integer minMoaas,
        Instant minMoaasAt,
        Integer latestMoaas,
        Instant latestMoaasAt,
        org.ketaminecds.fact.DissociationScore latestDissociation,
        Integer preDoseCadss,
        boolean spo2AfterDose,
        boolean sedationAfterDose,
        Double minHeartRateAfterDose,
        Instant minHeartRateAfterDoseAt,
        Double maxHeartRateAfterDose,
        Instant maxHeartRateAfterDoseAt) {

    /**
     * How far the latest CADSS after the dose is above the patient's pre-dose CADSS (or above 0 without one), when that
     * observation is a score without a clinician's judgement; null otherwise. The rules compare it with the site's
     * margin; a clinician's judgement, when recorded, decides instead.
     *
     * @return CADSS points above the pre-dose reference, or null
     */
    public Integer cadssAbovePreDose() {
        if (latestDissociation == null || latestDissociation.resolved() != null || latestDissociation.cadss() == null) {
            return null;
        }
        return latestDissociation.cadss() - (preDoseCadss == null ? 0 : preDoseCadss);
    }

    /** The pre-dose CADSS in words: "pre-dose CADSS 3" or "no pre-dose CADSS (compared with 0)". */
    public String preDoseCadssWords() {
        return preDoseCadss == null ? "no pre-dose CADSS (compared with 0)" : "pre-dose CADSS " + preDoseCadss;
    }
}
