package org.ketaminecds.knowledge;

import java.util.List;

/**
 * A derived fact: a discharge request checked against the discharge criteria for the product.
 *
 * @param product "esketamine" or "racemic ketamine"
 * @param met criteria met, in words
 * @param unmet criteria not met, in words
 * @param notRecorded criteria that cannot be judged because their assessment is not recorded, in words (a prompt to
 *     assess and record, not a reason on its own to keep the patient)
 * @param unsafe the unmet criteria whose recorded values make leaving unsafe now (esketamine monitoring time not
 *     over, sedation recorded below alert, dissociation recorded as not resolved, SpO2 or respiratory rate recorded
 *     below the site minimum); a subset of unmet
 * @since 0.1.0
 */
public record DischargeReview(String product, List<String> met, List<String> unmet, List<String> notRecorded,
        List<String> unsafe) {
    public DischargeReview {
        met = List.copyOf(met);
        unmet = List.copyOf(unmet);
        notRecorded = List.copyOf(notRecorded);
        unsafe = List.copyOf(unsafe);
        if (!unmet.containsAll(unsafe)) {
            throw new IllegalArgumentException("every unsafe criterion is also unmet");
        }
    }

    /** Unmet criteria, but none recorded as unsafe now (e.g. not recorded, transport not arranged). */
    public boolean notReadyButSafe() {
        return !unmet.isEmpty() && unsafe.isEmpty();
    }

    /** Every criterion is met and assessed. */
    public boolean ready() {
        return unmet.isEmpty() && notRecorded.isEmpty();
    }

    /** Nothing is unmet, but some criterion was not assessed. */
    public boolean onlyNotRecorded() {
        return unmet.isEmpty() && !notRecorded.isEmpty();
    }

    /** Every criterion in words, unmet first: "NOT MET: ..." / "met: ...". */
    public List<String> facts() {
        List<String> all = new java.util.ArrayList<>();
        unmet.forEach(u -> all.add((unsafe.contains(u) ? "NOT MET (unsafe now): " : "NOT MET: ") + u));
        notRecorded.forEach(n -> all.add("NOT RECORDED: " + n));
        met.forEach(m -> all.add("met: " + m));
        return all;
    }
}
