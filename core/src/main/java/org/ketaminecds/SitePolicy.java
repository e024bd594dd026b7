package org.ketaminecds;

import java.util.Map;
import java.util.Set;
import org.ketaminecds.internal.Checks;

/**
 * Site policy: the thresholds and switches a site may set, as an immutable, validated value passed to the engine.
 * {@link #defaults()} is what ships. Values the clinical reference grades low or unverified are policy settings,
 * and their documentation says so.
 *
 * @param name a name for the policy, shown in every result and card explanation
 * @param medicationReviewMaxAgeDays how many calendar days a medication reconciliation stays current, 1 to 365.
 *     <b>Local policy default, not from a guideline: 30.</b> The clinical reference asks for medication changes
 *     since the last visit on each session day (§7 step 3) and for a review of all medicines including
 *     over-the-counter, vitamins and herbals (§3); it gives no maximum age.
 * @param disabledRules ids of recommendation rules the site switches off (their cards are dropped and the
 *     result lists them as suppressed)
 * @param indicatorOverrides per rule id, a different indicator with the site's reason
 * @since 0.1.0
 */
public record SitePolicy(
        String name,
        int medicationReviewMaxAgeDays,
        Set<String> disabledRules,
        Map<String, IndicatorOverride> indicatorOverrides) {

    /** Name of the shipped defaults. */
    public static final String DEFAULT_NAME = "ketamine-cds-defaults";

    public SitePolicy {
        Checks.requiredText("name", name);
        Checks.range("medicationReviewMaxAgeDays", medicationReviewMaxAgeDays, 1, 365, "days");
        disabledRules = Set.copyOf(disabledRules);
        indicatorOverrides = Map.copyOf(indicatorOverrides);
    }

    /** The shipped defaults. */
    public static SitePolicy defaults() {
        return new SitePolicy(DEFAULT_NAME, 30, Set.of(), Map.of());
    }

    /** A copy with a different medication-reconciliation window. */
    public SitePolicy withMedicationReviewMaxAgeDays(int days) {
        return new SitePolicy(name, days, disabledRules, indicatorOverrides);
    }

    /** A copy with a different name. */
    public SitePolicy withName(String newName) {
        return new SitePolicy(newName, medicationReviewMaxAgeDays, disabledRules, indicatorOverrides);
    }

    /** A copy with these recommendation rules switched off. */
    public SitePolicy withDisabledRules(Set<String> ruleIds) {
        return new SitePolicy(name, medicationReviewMaxAgeDays, ruleIds, indicatorOverrides);
    }

    /** A copy with these indicator overrides. */
    public SitePolicy withIndicatorOverrides(Map<String, IndicatorOverride> overrides) {
        return new SitePolicy(name, medicationReviewMaxAgeDays, disabledRules, overrides);
    }
}
