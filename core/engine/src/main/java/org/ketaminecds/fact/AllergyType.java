package org.ketaminecds.fact;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a recorded reaction is an allergy (immune, a propensity to hypersensitivity) or an intolerance (a
 * non-immune adverse reaction), as FHIR {@code AllergyIntolerance.type}.
 *
 * @since 0.2.0
 */
public enum AllergyType {
    @JsonProperty("allergy")
    ALLERGY("allergy"),
    @JsonProperty("intolerance")
    INTOLERANCE("intolerance");

    private final String code;

    AllergyType(String code) {
        this.code = code;
    }

    /** The FHIR code. */
    public String code() {
        return code;
    }

    /** The type for a FHIR code, or null if the code is not one. */
    public static AllergyType ofCode(String code) {
        for (AllergyType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
