package org.ketaminecds.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ketaminecds.fact.Medication;

/** The medication list in one order whatever order the record lists it in. */
final class MedicationOrder {
    private MedicationOrder() {}

    /**
     * The entries in a canonical order, so that exposures, their facts and the unchecked entries do not depend on the
     * order the record lists the medicines in: by every field (the record's text form), built once per entry (built per
     * comparison, it cost more than the matching itself).
     */
    static List<Medication> canonical(List<Medication> entries) {
        if (entries.size() <= 1) {
            return entries;
        }
        List<Map.Entry<String, Medication>> keyed = new ArrayList<>(entries.size());
        for (Medication m : entries) {
            keyed.add(Map.entry(m.toString(), m));
        }
        keyed.sort(Map.Entry.comparingByKey());
        List<Medication> ordered = new ArrayList<>(keyed.size());
        keyed.forEach(e -> ordered.add(e.getValue()));
        return ordered;
    }
}
