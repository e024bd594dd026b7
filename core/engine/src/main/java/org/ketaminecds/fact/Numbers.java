package org.ketaminecds.fact;

import java.math.BigDecimal;

/**
 * Numbers as cards show them: whole values without a decimal point ("92"), others as recorded ("91.5"). Values are
 * never rounded before they are compared with a threshold; this is display only.
 *
 * @since 0.2.0
 */
public final class Numbers {
    private Numbers() {}

    /** "92" for 92.0, "91.5" for 91.5, "" for null. */
    public static String plain(Double value) {
        if (value == null) {
            return "";
        }
        if (value == Math.rint(value) && !value.isInfinite() && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A blood pressure as "142/92". */
    public static String bp(double systolic, double diastolic) {
        return plain(systolic) + "/" + plain(diastolic);
    }
}
