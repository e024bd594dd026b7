package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Sex;

/** Patient: id, birth date (a partial one read as its first day, said so), sex from gender or US Core extensions. */
final class PatientMapper implements ResourceMapper {
    @Override
    public Set<String> types() {
        return Set.of("Patient");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        if (read.draft.patient != null) {
            read.issue(r, "a second Patient; the first one is used");
            return false;
        }
        String id = r.path("id").asText(null);
        if (id == null) {
            read.issue(r, "Patient without an id");
            return false;
        }
        LocalDate birth = null;
        if (r.hasNonNull("birthDate")) {
            String text = r.get("birthDate").asText();
            try {
                birth = Values.partialDate(text, false, read.offset);
                if (Values.partial(text)) {
                    read.issue(
                            r,
                            "birthDate " + text + " is a partial date: age computed from " + birth
                                    + ", so it may be up to a year too high");
                }
                if (birth.isAfter(read.asOf.toLocalDate()) || birth.getYear() < 1880) {
                    read.issue(
                            r,
                            "birthDate " + text
                                    + " is not possible (after asOf or before 1880): not used, age unknown");
                    birth = null;
                }
            } catch (DateTimeParseException | IllegalArgumentException e) {
                read.issue(r, "birthDate '" + text + "' is not a FHIR date: not used, age unknown");
                birth = null;
            }
        }
        Sex sex = switch (r.path("gender").asText("")) {
            case "female" -> Sex.FEMALE;
            case "male" -> Sex.MALE;
            case "other" -> Sex.OTHER;
            default -> sexFromExtension(r);
        };
        if (r.path("deceasedBoolean").asBoolean(false) || r.hasNonNull("deceasedDateTime")) {
            read.issue(r, "the patient is recorded as deceased: the record is evaluated as sent");
        }
        read.draft.patient = new Patient(id, birth, null, sex, null, null, null);
        return true;
    }

    /**
     * Sex from the US Core individual-sex extension (SNOMED CT 248152002 female, 248153007 male) or the older
     * birth-sex extension (F, M), for a Patient without {@code gender}; unknown otherwise.
     */
    private static Sex sexFromExtension(JsonNode r) {
        for (JsonNode ext : r.path("extension")) {
            String url = ext.path("url").asText("");
            if (url.equals(FhirCodes.US_CORE_INDIVIDUAL_SEX)) {
                String code = ext.path("valueCoding").path("code").asText("");
                if (code.equals(FhirCodes.SCT_FEMALE)) {
                    return Sex.FEMALE;
                }
                if (code.equals(FhirCodes.SCT_MALE)) {
                    return Sex.MALE;
                }
            } else if (url.equals(FhirCodes.US_CORE_BIRTH_SEX)) {
                String code = ext.path("valueCode").asText("");
                if (code.equals("F")) {
                    return Sex.FEMALE;
                }
                if (code.equals("M")) {
                    return Sex.MALE;
                }
            }
        }
        return Sex.UNKNOWN;
    }
}
