package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.list;
import static org.ketaminecds.fact.Checks.range;
import static org.ketaminecds.fact.Checks.required;

import java.time.Instant;
import java.util.List;

/**
 * A completed rating. Scored instruments need a {@code total}, {@code items} or both (items must number exactly
 * the instrument's items, each within its range, and sum to the total where the total is a sum). The C-SSRS
 * screener needs a {@code riskLevel} and takes no total.
 *
 * @param instrument the instrument, required
 * @param at when it was completed, required
 * @param total total score within the instrument's range; may be absent only for a PHQ-9 that records item 9 alone
 *     (a suicide screen, not counted in the trajectory)
 * @param items item scores in questionnaire order (PHQ-9 item 9 is the last)
 * @param riskLevel C-SSRS triage level, only for C-SSRS
 * @param item9 PHQ-9 item 9 (0-3) when it is known without the other items (FHIR systems often send it as its own
 *     Observation, LOINC 44260-8); only for PHQ-9, and must agree with {@code items} when both are given
 * @since 0.1.0
 */
public record Assessment(
        Instrument instrument, Instant at, Integer total, List<Integer> items, SuicideRisk riskLevel, Integer item9) {
    public Assessment {
        required("instrument", instrument);
        required("at", at);
        items = list("items", items);
        if (instrument == Instrument.C_SSRS) {
            required("riskLevel", riskLevel);
            if (total != null || !items.isEmpty()) {
                throw new InvalidFactException("total", "C-SSRS is recorded as riskLevel only; omit total and items");
            }
        } else {
            if (riskLevel != null) {
                throw new InvalidFactException("riskLevel", "applies to C-SSRS only, not " + instrument.label());
            }
            if (total == null && items.isEmpty() && item9 == null) {
                throw new InvalidFactException(
                        "total", "is required for " + instrument.label() + " when items are not given");
            }
            range("total", total, 0, instrument.totalMax(), "");
            checkItems(instrument, items);
            if (instrument.totalIsItemSum() && !items.isEmpty()) {
                int sum = items.stream().mapToInt(Integer::intValue).sum();
                if (total == null) {
                    total = sum;
                } else if (total != sum) {
                    throw new InvalidFactException(
                            "total",
                            "must equal the sum of the items (" + sum + ") for " + instrument.label() + ", was "
                                    + total);
                }
            }
            boolean suicideScreenOnly = instrument == Instrument.PHQ_9 && items.isEmpty() && item9 != null;
            if (total == null && !suicideScreenOnly) {
                throw new InvalidFactException(
                        "total",
                        instrument.totalIsItemSum()
                                ? "is required for " + instrument.label() + " when items are not given"
                                : "is required for " + instrument.label() + " (its total is not a plain item sum)");
            }
        }
        if (item9 != null) {
            if (instrument != Instrument.PHQ_9) {
                throw new InvalidFactException("item9", "applies to PHQ-9 only, not " + instrument.label());
            }
            range("item9", item9, 0, 3, "");
            if (!items.isEmpty() && !item9.equals(items.get(8))) {
                throw new InvalidFactException("item9", "disagrees with items[8] (" + items.get(8) + "), was " + item9);
            }
        }
    }

    private static void checkItems(Instrument instrument, List<Integer> items) {
        if (items.isEmpty()) {
            return;
        }
        if (items.size() != instrument.items()) {
            throw new InvalidFactException(
                    "items",
                    instrument.label() + " has " + instrument.items() + " items, " + items.size() + " were given");
        }
        for (int i = 0; i < items.size(); i++) {
            range("items[" + i + "]", items.get(i), 0, instrument.itemMax(), "");
        }
    }

    /** A scored assessment with a total only. */
    public static Assessment scored(Instrument instrument, Instant at, int total) {
        return new Assessment(instrument, at, total, null, null, null);
    }

    /**
     * PHQ-9 item 9 (thoughts of being better off dead or of self-harm), from {@code items} or {@code item9}; null if
     * not recorded.
     */
    public Integer phq9Item9() {
        if (instrument != Instrument.PHQ_9) {
            return null;
        }
        return !items.isEmpty() ? items.get(8) : item9;
    }

    /**
     * MADRS item 10, suicidal thoughts (0-6; anchors 2 fleeting suicidal thoughts, 4 suicide considered a possible
     * solution, 6 explicit plans), when this is an itemised MADRS; else null.
     *
     * @return the item's score or null
     */
    public Integer madrsItem10() {
        return instrument == Instrument.MADRS && !items.isEmpty() ? items.get(items.size() - 1) : null;
    }
}
