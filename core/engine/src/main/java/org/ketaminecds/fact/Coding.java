package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.optionalText;
import static org.ketaminecds.fact.Checks.requiredText;

/**
 * A code from a terminology, as in FHIR: {@code system} is the code system URI (see {@link CodeSystems}),
 * {@code code} the code, {@code display} an optional human-readable name.
 *
 * @since 0.1.0
 */
public record Coding(String system, String code, String display) {
    public Coding {
        requiredText("system", system);
        requiredText("code", code);
        optionalText("display", display);
        system = system.strip();
        code = code.strip();
    }

    public static Coding of(String system, String code) {
        return new Coding(system, code, null);
    }

    /** True if this coding is {@code code} in {@code system}. */
    public boolean is(String system, String code) {
        return this.system.equals(system) && this.code.equals(code);
    }

    @Override
    public String toString() {
        return display == null ? code : code + " " + display;
    }
}
