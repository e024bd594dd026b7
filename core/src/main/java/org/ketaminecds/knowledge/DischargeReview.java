package org.ketaminecds.knowledge;

import java.util.List;

/**
 * A derived fact: a discharge request checked against the discharge criteria for the product.
 *
 * @param product "esketamine" or "racemic ketamine"
 * @param met criteria met, in words
 * @param unmet criteria not met or not recorded, in words
 * @since 0.1.0
 */
public record DischargeReview(String product, List<String> met, List<String> unmet) {
    public DischargeReview {
        met = List.copyOf(met);
        unmet = List.copyOf(unmet);
    }

    public boolean ready() {
        return unmet.isEmpty();
    }

    /** Every criterion in words, unmet first: "NOT MET: ..." / "met: ...". */
    public List<String> facts() {
        List<String> all = new java.util.ArrayList<>();
        unmet.forEach(u -> all.add("NOT MET: " + u));
        met.forEach(m -> all.add("met: " + m));
        return all;
    }
}
