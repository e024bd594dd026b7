package org.ketaminecds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fhir.FhirIssue;
import org.ketaminecds.fhir.FhirReadResult;

/**
 * An independent check that nothing was lost without a word: every input resource is mapped or reported, and each
 * mapped resource's content that the session model has a place for is found in the facts. It reads the raw JSON
 * itself (not through the reader's helpers).
 */
final class SilentLossOracle {
    private static final String LOINC = "http://loinc.org";

    private SilentLossOracle() {}

    /** The silent losses: resources neither mapped nor reported, and mapped content missing from the facts. */
    static List<String> losses(List<JsonNode> resources, FhirReadResult result) {
        List<String> losses = new ArrayList<>();
        SessionContext c = result.context();
        for (JsonNode r : resources) {
            String label = Corpus.label(r);
            boolean mapped = result.mappedResources().contains(label);
            boolean reported = result.issues().stream().map(FhirIssue::resource).anyMatch(label::equals);
            if (!mapped && !reported) {
                losses.add(label + ": neither mapped nor reported");
                continue;
            }
            if (!mapped) {
                continue;
            }
            String missing = missingContent(r, c);
            if (missing != null && !reported) {
                losses.add(label + ": mapped, but " + missing);
            }
        }
        return losses;
    }

    /** What of a mapped resource is not in the facts, or null. */
    private static String missingContent(JsonNode r, SessionContext c) {
        return switch (r.path("resourceType").asText()) {
            case "Patient" -> patient(r, c);
            case "Condition" ->
                c.conditions().stream().anyMatch(x -> sameConcept(r.path("code"), x.code(), x.name()))
                        ? null
                        : "no condition with its code or text";
            case "AllergyIntolerance" ->
                c.allergies().stream().anyMatch(x -> sameConcept(r.path("code"), x.code(), x.substance()))
                        ? null
                        : "no allergy with its code or text";
            case "MedicationRequest", "MedicationStatement" -> medication(r, c);
            case "Observation" -> observation(r, c);
            case "QuestionnaireResponse" ->
                phq9At(c, instant(r.path("authored").asText())) ? null : "no PHQ-9 at its time";
            case "Procedure" ->
                c.therapy().isEmpty()
                                && (c.medications() == null || c.medications().reconciledAt() == null)
                        ? "no therapy entry and no medication reconciliation"
                        : null;
            case "MedicationAdministration" ->
                c.session() == null && c.priorSessions().isEmpty() ? "no session" : null;
            default -> null;
        };
    }

    private static String patient(JsonNode r, SessionContext c) {
        String gender = r.path("gender").asText("");
        Sex expected = switch (gender) {
            case "female" -> Sex.FEMALE;
            case "male" -> Sex.MALE;
            case "other" -> Sex.OTHER;
            default -> null;
        };
        if (expected != null && c.patient().sex() != expected) {
            return "sex " + c.patient().sex() + " instead of " + gender;
        }
        String birth = r.path("birthDate").asText("");
        if (birth.length() == 10
                && (c.patient().birthDate() == null
                        || !c.patient().birthDate().toString().equals(birth))) {
            return "birthDate " + c.patient().birthDate() + " instead of " + birth;
        }
        if (birth.length() >= 4 && c.patient().birthDate() == null) {
            return "no birthDate for " + birth;
        }
        return null;
    }

    private static String medication(JsonNode r, SessionContext c) {
        if (c.session() != null) {
            return null; // a ketamine order became the session
        }
        JsonNode concept = r.has("medicationCodeableConcept")
                ? r.get("medicationCodeableConcept")
                : r.path("medication").path("concept");
        List<Medication> entries =
                c.medications() == null ? List.of() : c.medications().entries();
        if (concept.isMissingNode()) {
            return entries.isEmpty() ? "no medication entry" : null;
        }
        return entries.stream().anyMatch(m -> sameConcept(concept, m.code(), m.text()))
                ? null
                : "no medication entry with its code or text";
    }

    private static String observation(JsonNode r, SessionContext c) {
        String loinc = null;
        for (JsonNode coding : r.path("code").path("coding")) {
            if (LOINC.equals(coding.path("system").asText())) {
                loinc = coding.path("code").asText();
            }
        }
        if (loinc == null) {
            return null;
        }
        Instant at = r.hasNonNull("effectiveDateTime")
                ? instant(r.get("effectiveDateTime").asText())
                : null;
        double value = r.path("valueQuantity").path("value").asDouble(Double.NaN);
        return switch (loinc) {
            case "8867-4" ->
                c.vitals().stream().anyMatch(v -> v.at().equals(at) && Objects.equals(v.heartRate(), value))
                        ? null
                        : "no heart rate " + value;
            case "59408-5", "2708-6" ->
                c.vitals().stream().anyMatch(v -> v.at().equals(at) && Objects.equals(v.spo2(), value))
                        ? null
                        : "no SpO2 " + value;
            case "9279-1" ->
                c.vitals().stream().anyMatch(v -> v.at().equals(at) && Objects.equals(v.respiratoryRate(), value))
                        ? null
                        : "no respiratory rate " + value;
            case "85354-9" ->
                c.vitals().stream().anyMatch(v -> v.at().equals(at) && v.systolic() != null)
                        ? null
                        : "no blood pressure";
            case "29463-7" -> c.patient().weightKg() == null ? "no weight" : null;
            case "82810-3" -> c.patient().pregnancy() == PregnancyStatus.UNKNOWN ? "no pregnancy status" : null;
            case "44249-1",
                    "44261-6",
                    "44250-9",
                    "44255-8",
                    "44259-0",
                    "44254-1",
                    "44251-7",
                    "44258-2",
                    "44252-5",
                    "44253-3",
                    "44260-8" -> phq9At(c, at) ? null : "no PHQ-9 at " + at;
            default -> null;
        };
    }

    private static boolean phq9At(SessionContext c, Instant at) {
        return c.assessments().stream().anyMatch(a -> a.instrument() == Instrument.PHQ_9 && a.at().equals(at));
    }

    /** Whether a FHIR concept and a fact's coding or text name the same thing. */
    private static boolean sameConcept(JsonNode concept, Coding code, String text) {
        for (JsonNode coding : concept.path("coding")) {
            if (code != null && code.code().equals(coding.path("code").asText())) {
                return true;
            }
            if (text != null && text.equals(coding.path("display").asText(null))) {
                return true;
            }
        }
        return text != null && text.equals(concept.path("text").asText(null))
                || (code != null
                        && code.display() != null
                        && code.display().equals(concept.path("text").asText(null)));
    }

    /** A FHIR dateTime; a date alone is its start of day in UTC (the tests' asOf offset), as the reader reads it. */
    private static Instant instant(String text) {
        return text.length() == 10
                ? java.time.LocalDate.parse(text)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant()
                : OffsetDateTime.parse(text).toInstant();
    }

    /** For a report: how a result's resources split into mapped and reported, by resource type. */
    static String summary(List<JsonNode> resources, FhirReadResult result) {
        java.util.Map<String, int[]> byType = new java.util.TreeMap<>();
        for (JsonNode r : resources) {
            int[] counts = byType.computeIfAbsent(r.path("resourceType").asText(), k -> new int[2]);
            counts[result.mappedResources().contains(Corpus.label(r)) ? 0 : 1]++;
        }
        StringBuilder s = new StringBuilder();
        byType.forEach((type, n) -> s.append(type)
                .append(' ')
                .append(n[0])
                .append(" mapped/")
                .append(n[1])
                .append(" reported; "));
        return s.toString();
    }
}
