package org.ketaminecds.knowledge;

import java.time.Instant;
import org.ketaminecds.fact.Numbers;

/**
 * A derived fact: the blood pressures taken after the dose, summarised.
 *
 * @param readings how many readings after the dose
 * @param maxSystolic highest systolic, with {@code maxSystolicAt}
 * @param maxDiastolic highest diastolic, with {@code maxDiastolicAt}
 * @param latestAt time of the latest reading; {@code latestSystolic}/{@code latestDiastolic} its values
 * @param previousSystolic systolic of the reading before the latest one, or null if only one
 * @param previousDiastolic diastolic of the reading before the latest one, or null if only one
 * @param firstRecheckAt the first reading at or after the label's ~40-minute re-check time (less the site
 *     tolerance), or null if none yet
 * @since 0.1.0
 */
public record PostDoseBp(
        int readings,
        double maxSystolic,
        Instant maxSystolicAt,
        double maxDiastolic,
        Instant maxDiastolicAt,
        Instant latestAt,
        double latestSystolic,
        double latestDiastolic,
        Double previousSystolic,
        Double previousDiastolic,
        Instant firstRecheckAt) {

    /** "168/96 mmHg at ..." for the highest systolic reading's time. */
    public String peak() {
        return Numbers.bp(maxSystolic, maxDiastolic) + " mmHg (highest systolic at " + maxSystolicAt
                + (maxDiastolicAt.equals(maxSystolicAt) ? "" : ", highest diastolic at " + maxDiastolicAt) + ")";
    }

    /** "142/88 mmHg at ..." */
    public String latest() {
        return Numbers.bp(latestSystolic, latestDiastolic) + " mmHg at " + latestAt;
    }

    /** The highest values as "171/98". */
    public String maxValues() {
        return Numbers.bp(maxSystolic, maxDiastolic);
    }
}
