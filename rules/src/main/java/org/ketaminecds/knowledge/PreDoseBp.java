package org.ketaminecds.knowledge;

import java.time.Instant;
import org.ketaminecds.fact.Numbers;

/**
 * A derived fact: the blood pressure that counts as pre-dose (the latest reading at or before the dose time and
 * within the site's pre-dose window).
 *
 * @param at when it was taken
 * @param systolic mmHg
 * @param diastolic mmHg
 * @param minutesBeforeDose how long before the (planned or actual) dose time it was taken
 * @since 0.1.0
 */
public record PreDoseBp(Instant at, double systolic, double diastolic, long minutesBeforeDose) {
    /** "152/94 mmHg at 2026-03-02T14:20:00Z" */
    public String reading() {
        return Numbers.bp(systolic, diastolic) + " mmHg at " + at;
    }

    /**
     * The pre-dose reading for a sentence that compares with it: ", pre-dose 132/84" or ", no pre-dose reading".
     *
     * @param pres the pre-dose readings collected by a rule (none or one)
     * @return the words, starting with a comma
     */
    public static String comparedWith(java.util.List<?> pres) {
        return pres.isEmpty() ? ", no pre-dose reading" : ", pre-dose " + ((PreDoseBp) pres.get(0)).values();
    }

    /** The values as "142/92". */
    public String values() {
        return Numbers.bp(systolic, diastolic);
    }
}
