package org.ketaminecds.cds;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Urgency of a card, as CDS Hooks 2.0 defines it. Ordered from least to most urgent.
 *
 * @since 0.1.0
 */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL;

    /** The CDS Hooks code: {@code info}, {@code warning} or {@code critical}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a CDS Hooks indicator code.
     *
     * @throws IllegalArgumentException naming the allowed codes
     */
    @JsonCreator
    public static Indicator fromCode(String code) {
        for (Indicator i : values()) {
            if (i.code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("indicator must be one of info, warning, critical, was '" + code + "'");
    }
}
