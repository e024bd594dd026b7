package org.ketaminecds.fact;

import static org.ketaminecds.fact.Checks.list;

import java.time.Instant;
import java.util.List;

/**
 * The medication list and when it was last reconciled with the patient. When the whole list is absent from
 * the context the interaction check cannot run and says so; an empty {@code entries} list means the patient
 * takes no medicines.
 *
 * @param entries the entries, absent = empty
 * @param reconciledAt when the list was last reviewed with the patient (all medicines including
 *     over-the-counter, vitamins and herbals); absent = never
 * @since 0.1.0
 */
public record MedicationList(List<Medication> entries, Instant reconciledAt) {
    public MedicationList {
        entries = list("entries", entries);
    }

    public static MedicationList of(Instant reconciledAt, Medication... entries) {
        return new MedicationList(List.of(entries), reconciledAt);
    }
}
