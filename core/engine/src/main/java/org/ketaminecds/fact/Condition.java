package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.atLeastOne;
import static org.ketaminecds.fact.Checks.optionalText;
import static org.ketaminecds.fact.Checks.required;

import java.time.LocalDate;

/**
 * A problem-list entry or history item. Give a {@code code} (SNOMED CT or ICD-10), a {@code name} as entered,
 * or both; rules recognise conditions by code and by name.
 *
 * @param code coding (SNOMED CT, ICD-10-CM or ICD-10), optional if {@code name} is given
 * @param name the condition as entered, optional if {@code code} is given
 * @param status clinical status, required
 * @param onset onset date, optional
 * @param severity mild, moderate or severe (for hepatic impairment: Child-Pugh A, B, C), optional
 * @since 0.1.0
 */
public record Condition(Coding code, String name, ConditionStatus status, LocalDate onset, ConditionSeverity severity) {
    public Condition {
        atLeastOne("code, name", code, name);
        optionalText("name", name);
        required("status", status);
    }

    /** An entry known by its name only. */
    public static Condition named(String name, ConditionStatus status) {
        return new Condition(null, name, status, null, null);
    }

    /** How the entry reads to a clinician: the name as entered, else the code's display, else system and code. */
    public String label() {
        if (name != null) {
            return name;
        }
        return code.display() != null ? code.display() + " (" + code.code() + ")" : code.code();
    }
}
