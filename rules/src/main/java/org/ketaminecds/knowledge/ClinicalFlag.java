package org.ketaminecds.knowledge;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.ConditionCategory;
import org.ketaminecds.fact.ConditionSeverity;

/**
 * A derived fact: the patient has (or had) a condition of a screening category, with every record that shows it.
 *
 * @param category the category
 * @param current whether at least one matching record is current (active, recurrence, relapse, or a patient status)
 * @param severity the highest severity recorded on a matching condition, or null if none recorded
 * @param onsets onset dates recorded on the matching current records (may be empty)
 * @param onsetUnknown whether a matching current record has no onset date
 * @param facts the records in words, e.g. "condition: Cirrhosis of liver (K74.60), active, severe"
 * @since 0.1.0
 */
public record ClinicalFlag(
        ConditionCategory category,
        boolean current,
        ConditionSeverity severity,
        List<LocalDate> onsets,
        boolean onsetUnknown,
        List<String> facts) {

    public ClinicalFlag {
        Objects.requireNonNull(category, "category");
        onsets = List.copyOf(onsets);
        facts = List.copyOf(facts);
    }

    /**
     * Whether the condition is recent: a current record with onset within {@code days} days before {@code today},
     * or a current record whose onset is unknown (fail safe: an undated acute event counts as recent).
     */
    public boolean recentWithin(int days, LocalDate today) {
        if (!current) {
            return false;
        }
        return onsetUnknown || onsets.stream().anyMatch(d -> ChronoUnit.DAYS.between(d, today) <= days);
    }

    /** The category in plain words. */
    public String label() {
        return category.label();
    }
}
