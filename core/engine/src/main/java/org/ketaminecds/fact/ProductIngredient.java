package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.optionalText;

/**
 * One ingredient of a medication product described by what it contains (a compounded troche, a combination listed
 * ingredient by ingredient).
 *
 * @param code its RxNorm coding, optional if {@code name} is given
 * @param name its name as recorded, optional if {@code code} is given
 * @since 0.5.0
 */
public record ProductIngredient(Coding code, String name) {
    public ProductIngredient {
        name = optionalText("name", name);
        if (code == null && name == null) {
            throw new InvalidFactException("code, name", "at least one of them is required, all were missing");
        }
    }

    /** How the ingredient reads: its name, else its code's display, else the code. */
    public String label() {
        if (name != null) {
            return name;
        }
        return code.display() != null ? code.display() : "RxNorm " + code.code();
    }
}
