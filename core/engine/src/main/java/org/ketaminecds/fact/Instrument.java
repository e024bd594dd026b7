package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Rating instruments, with their item count, item range and total range.
 *
 * @since 0.1.0
 */
public enum Instrument {
    /** PHQ-9: 9 items scored 0-3, total 0-27; item 9 asks about thoughts of death or self-harm. */
    @JsonProperty("PHQ-9")
    PHQ_9(9, 3, 27, true),
    /** MADRS: 10 clinician-rated items 0-6, total 0-60. */
    @JsonProperty("MADRS")
    MADRS(10, 6, 60, true),
    /** QIDS-SR16: 16 items 0-3 scored as 9 domains (domain = highest item), total 0-27. */
    @JsonProperty("QIDS-SR16")
    QIDS_SR16(16, 3, 27, false),
    /** GAD-7: 7 items 0-3, total 0-21. */
    @JsonProperty("GAD-7")
    GAD_7(7, 3, 21, true),
    /** C-SSRS screener: reported as a risk level, no total. */
    @JsonProperty("C-SSRS")
    C_SSRS(0, 0, 0, false);

    private final int items;
    private final int itemMax;
    private final int totalMax;
    private final boolean totalIsItemSum;

    Instrument(int items, int itemMax, int totalMax, boolean totalIsItemSum) {
        this.items = items;
        this.itemMax = itemMax;
        this.totalMax = totalMax;
        this.totalIsItemSum = totalIsItemSum;
    }

    /** Number of items (0 for the C-SSRS screener, which is recorded as a risk level). */
    public int items() {
        return items;
    }

    public int itemMax() {
        return itemMax;
    }

    public int totalMax() {
        return totalMax;
    }

    /** Whether the total is the plain sum of the items (not for QIDS-SR16, which scores domains). */
    public boolean totalIsItemSum() {
        return totalIsItemSum;
    }

    /** The name as written in JSON and on cards, e.g. "PHQ-9". */
    public String label() {
        return switch (this) {
            case PHQ_9 -> "PHQ-9";
            case MADRS -> "MADRS";
            case QIDS_SR16 -> "QIDS-SR16";
            case GAD_7 -> "GAD-7";
            case C_SSRS -> "C-SSRS";
        };
    }
}
