package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.ExperienceType;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Intensity;
import org.ketaminecds.fact.PregnancyStatus;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.SuicideRisk;
import org.ketaminecds.fact.VitalSigns;
import org.ketaminecds.fhir.ObservationCodes.Code;
import org.ketaminecds.fhir.ObservationCodes.Reads;
import org.ketaminecds.fhir.RecordDraft.Sourced;

/**
 * Observation, by the code table ({@link ObservationCodes}): vital signs with their units checked and decimals kept,
 * body weight, pregnancy status, rating scales (PHQ-9 parts go to the {@link Phq9Assembler}), in-session scores and
 * session-day facts. A code the table does not list is reported; so is a value that cannot be read, by its field.
 */
final class ObservationMapper implements ResourceMapper {
    private static final double GRAMS_PER_KG = 1000;
    private static final double KG_PER_POUND = 0.45359237;

    @Override
    public Set<String> types() {
        return Set.of("Observation");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        String status = r.path("status").asText("final");
        if (status.equals("cancelled") || status.equals("registered")) {
            read.issue(r, "status " + status + ": no result to use");
            return false;
        }
        Code row = read.codes.of(r.path("code"));
        if (row == null) {
            String loinc = Values.code(r.path("code"), CodeSystems.LOINC);
            String local = Values.code(r.path("code"), FhirCodes.LOCAL_OBSERVATION);
            read.issue(
                    r,
                    loinc != null
                            ? "LOINC " + loinc + " is not used by Ketamine CDS"
                            : local != null
                                    ? "local code " + local + " is not one Ketamine CDS uses"
                                    : "no LOINC or Ketamine CDS local code that is used: "
                                            + Values.codes(r.path("code")));
            return false;
        }
        if (row.timeOfDay() && Values.dateOnly(r)) {
            read.issue(
                    r,
                    row.system().equals(CodeSystems.LOINC)
                            ? "a vital sign with a date but no time: it cannot be placed before or after the dose, not used"
                            : "an in-session observation with a date but no time: it cannot be placed against the dose, "
                                    + "not used");
            return false;
        }
        Instant at = Values.effective(r, read.offset);
        RecordDraft draft = read.draft;
        String source = Values.label(r);
        switch (row.reads()) {
            case BLOOD_PRESSURE_PANEL -> {
                Double sys = null;
                Double dia = null;
                for (JsonNode c : r.path("component")) {
                    Code part = read.codes.of(c.path("code"));
                    if (part != null && part.reads() == Reads.SYSTOLIC) {
                        sys = measured(c, part, r, read);
                    } else if (part != null && part.reads() == Reads.DIASTOLIC) {
                        dia = measured(c, part, r, read);
                    }
                }
                if (sys == null || dia == null) {
                    read.issue(
                            r, "blood-pressure panel without both systolic (8480-6) and diastolic (8462-4) components");
                    return false;
                }
                draft.vitals.add(new Sourced<>(new VitalSigns(required(at), sys, dia, null, null, null), source));
            }
            case SYSTOLIC, DIASTOLIC -> {
                RecordDraft.BloodPressureHalves halves = draft.bloodPressureHalves.computeIfAbsent(
                        required(at), k -> new RecordDraft.BloodPressureHalves());
                double value = measured(r, row, r, read);
                if (row.reads() == Reads.SYSTOLIC) {
                    halves.systolic = value;
                } else {
                    halves.diastolic = value;
                }
                halves.sources.add(source);
            }
            case HEART_RATE ->
                draft.vitals.add(new Sourced<>(
                        new VitalSigns(required(at), null, null, measured(r, row, r, read), null, null), source));
            case SPO2 ->
                draft.vitals.add(new Sourced<>(
                        new VitalSigns(required(at), null, null, null, measured(r, row, r, read), null), source));
            case RESPIRATORY_RATE ->
                draft.vitals.add(new Sourced<>(
                        new VitalSigns(required(at), null, null, null, null, measured(r, row, r, read)), source));
            case BODY_WEIGHT -> {
                return bodyWeight(r, row, required(at), read);
            }
            case PHQ9_TOTAL -> draft.phq9.total(required(at), Scores.of(r), source);
            case PHQ9_ITEM -> draft.phq9.item(required(at), row.item(), Scores.of(r), source);
            case PHQ9_PANEL -> {
                return phq9Panel(r, required(at), read);
            }
            case NOT_SCORED -> {
                read.issue(r, "the PHQ-9 difficulty question (" + row.code() + ") is not part of the score: not used");
                return false;
            }
            case PREGNANCY_STATUS -> {
                return pregnancyStatus(r, required(at), read);
            }
            case GAD7_TOTAL ->
                draft.assessments.add(
                        new Sourced<>(Assessment.scored(Instrument.GAD_7, required(at), Scores.of(r)), source));
            case CSSRS_RISK ->
                draft.assessments.add(new Sourced<>(cssrs(r.path("valueCodeableConcept"), required(at)), source));
            case CSSRS_PANEL -> {
                for (JsonNode c : r.path("component")) {
                    Code part = read.codes.of(c.path("code"));
                    if (part != null && part.reads() == Reads.CSSRS_RISK) {
                        draft.assessments.add(
                                new Sourced<>(cssrs(c.path("valueCodeableConcept"), required(at)), source));
                        return true;
                    }
                }
                read.issue(r, "C-SSRS panel without a suicide risk level (93374-7) component");
                return false;
            }
            case MADRS_TOTAL ->
                draft.assessments.add(
                        new Sourced<>(Assessment.scored(Instrument.MADRS, required(at), Scores.of(r)), source));
            case QIDS_SR16_TOTAL ->
                draft.assessments.add(
                        new Sourced<>(Assessment.scored(Instrument.QIDS_SR16, required(at), Scores.of(r)), source));
            case CADSS_TOTAL ->
                draft.dissociation.add(new Sourced<>(new DissociationScore(required(at), Scores.of(r)), source));
            case MOAAS -> draft.sedation.add(new Sourced<>(new SedationScore(required(at), Scores.of(r)), source));
            case LAST_FOOD, LAST_FLUIDS, NASAL_PRODUCT, DISCHARGE_REQUESTED ->
                draft.day.put(row.reads(), new Sourced<>(valueInstant(r, at, read), source));
            case TRANSPORT_ARRANGED, RESPONSIBLE_ADULT, PRESCRIBER_ON_SITE, PULSE_OXIMETER_ON_SITE -> {
                if (!r.path("valueBoolean").isBoolean()) {
                    throw new IllegalArgumentException(row.code() + " needs valueBoolean");
                }
                draft.day.put(row.reads(), new Sourced<>(r.get("valueBoolean").asBoolean(), source));
            }
            case MEDICATION_RECONCILIATION -> draft.reconciled(required(at), source);
            case CHALLENGING_EXPERIENCE -> draft.experiences.add(new Sourced<>(experience(r, at, read), source));
        }
        return true;
    }

    private static Instant required(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("no effectiveDateTime, effectivePeriod.start or effectiveInstant");
        }
        return at;
    }

    private static Instant valueInstant(JsonNode r, Instant at, ReadContext read) {
        return r.hasNonNull("valueDateTime")
                ? read.instant(r.get("valueDateTime").asText())
                : required(at);
    }

    /**
     * A measured value of an Observation or component, decimals kept (never rounded across a threshold), its unit one
     * the table accepts; a {@code dataAbsentReason} is reported as such, a comparator ("&lt;90") read as its bound.
     */
    private static double measured(JsonNode valued, Code row, JsonNode r, ReadContext read) {
        JsonNode quantity = valued.path("valueQuantity");
        if (!quantity.has("value")) {
            if (valued.has("dataAbsentReason")) {
                throw new IllegalArgumentException("no value: data absent ("
                        + valued.path("dataAbsentReason")
                                .path("coding")
                                .path(0)
                                .path("code")
                                .asText("reason not given")
                        + ")");
            }
            throw new IllegalArgumentException("no valueQuantity.value");
        }
        double value = Values.number(quantity.get("value"), "valueQuantity.value");
        comparator(quantity, r, read);
        String unit = quantity.path("code").asText(quantity.path("unit").asText(""));
        if (!row.units().contains(unit)) {
            throw new IllegalArgumentException("unit must be " + row.units().get(0) + ", was '" + unit + "'");
        }
        return value;
    }

    /** A Quantity with a comparator ("&lt;90") is a bound, not a measurement: read as its value, and said so. */
    private static void comparator(JsonNode quantity, JsonNode r, ReadContext read) {
        if (quantity.hasNonNull("comparator")) {
            read.issue(
                    r,
                    "value " + quantity.get("comparator").asText()
                            + quantity.path("value").asText() + " is a bound, not a measurement: read as "
                            + quantity.path("value").asText());
        }
    }

    /** Body weight in kg, g or pounds; the latest in the input is the patient's. */
    private static boolean bodyWeight(JsonNode r, Code row, Instant at, ReadContext read) {
        JsonNode q = r.path("valueQuantity");
        String unit = q.path("code").asText(q.path("unit").asText(""));
        double value = Values.number(q.path("value"), "valueQuantity.value");
        comparator(q, r, read);
        if (!row.units().contains(unit)) {
            throw new IllegalArgumentException(
                    "body weight unit must be one of " + String.join(", ", row.units()) + ", was '" + unit + "'");
        }
        double kg = switch (unit) {
            case "g" -> value / GRAMS_PER_KG;
            case "[lb_av]", "lb" -> value * KG_PER_POUND;
            default -> value;
        };
        if (read.afterAsOf(at)) {
            read.issue(r, "body weight dated " + at + ", after asOf: not used");
            return false;
        }
        RecordDraft draft = read.draft;
        if (draft.weightAt == null || at.isAfter(draft.weightAt)) {
            draft.weightKg = kg;
            draft.weightAt = at;
            draft.weightSource = Values.label(r);
        } else {
            read.issue(r, "an earlier body weight than another in the input: the latest is used");
        }
        return true;
    }

    /**
     * A PHQ-9 panel: item and total components are read like item Observations; members ({@code hasMember}) are read
     * as the Observations they are, and each member missing from the input is reported.
     */
    private static boolean phq9Panel(JsonNode r, Instant at, ReadContext read) {
        boolean used = false;
        String source = Values.label(r);
        for (JsonNode c : r.path("component")) {
            Code part = read.codes.of(c.path("code"));
            if (part != null && part.reads() == Reads.PHQ9_ITEM) {
                read.draft.phq9.item(at, part.item(), Scores.of(c), source);
                used = true;
            } else if (part != null && part.reads() == Reads.PHQ9_TOTAL) {
                read.draft.phq9.total(at, Scores.of(c), source);
                used = true;
            }
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode member : r.path("hasMember")) {
            String ref = member.path("reference").asText(null);
            if (read.index.resolve(r, ref) == null) {
                missing.add(ref);
            } else {
                used = true;
            }
        }
        if (!missing.isEmpty()) {
            read.issue(
                    r,
                    "PHQ-9 panel members not in the input: " + String.join(", ", missing)
                            + "; the PHQ-9 may be incomplete");
        }
        if (!used) {
            read.issue(r, "PHQ-9 panel without item or total components and without members in the input");
        }
        return used;
    }

    /** Pregnancy status: SNOMED CT 77386006 pregnant, 60001007 not pregnant; the latest in the input counts. */
    private static boolean pregnancyStatus(JsonNode r, Instant at, ReadContext read) {
        String code = Values.code(r.path("valueCodeableConcept"), CodeSystems.SNOMED_CT);
        PregnancyStatus status = FhirCodes.SCT_PREGNANT.equals(code)
                ? PregnancyStatus.PREGNANT
                : FhirCodes.SCT_NOT_PREGNANT.equals(code) ? PregnancyStatus.NOT_PREGNANT : null;
        if (status == null) {
            read.issue(
                    r,
                    "pregnancy status " + Values.codes(r.path("valueCodeableConcept")) + " is neither pregnant ("
                            + FhirCodes.SCT_PREGNANT + ") nor not pregnant (" + FhirCodes.SCT_NOT_PREGNANT
                            + "): read as unknown");
            return false;
        }
        if (read.afterAsOf(at)) {
            read.issue(r, "pregnancy status dated " + at + ", after asOf: not used");
            return false;
        }
        RecordDraft draft = read.draft;
        if (draft.pregnancyAt == null || at.isAfter(draft.pregnancyAt)) {
            draft.pregnancy = status;
            draft.pregnancyAt = at;
        }
        return true;
    }

    /** A C-SSRS risk level by its answer's words (low, moderate, high). */
    private static Assessment cssrs(JsonNode concept, Instant at) {
        String display =
                Values.text(concept) == null ? "" : Values.text(concept).toLowerCase(Locale.ROOT);
        SuicideRisk risk = display.contains("high")
                ? SuicideRisk.HIGH
                : display.contains("moderate")
                        ? SuicideRisk.MODERATE
                        : display.contains("low") ? SuicideRisk.LOW : null;
        if (risk == null) {
            throw new IllegalArgumentException("C-SSRS risk level '" + display + "' is not low, moderate or high");
        }
        return new Assessment(Instrument.C_SSRS, at, null, null, risk, null);
    }

    /** A challenging experience: its type (value code), intensity (component), start and end (effectivePeriod). */
    private static ChallengingExperience experience(JsonNode r, Instant at, ReadContext read) {
        String type = Values.firstCode(r.path("valueCodeableConcept"));
        String intensity = null;
        for (JsonNode c : r.path("component")) {
            if (FhirCodes.INTENSITY.equals(Values.code(c.path("code"), FhirCodes.LOCAL_OBSERVATION))) {
                intensity = Values.firstCode(c.path("valueCodeableConcept"));
            }
        }
        JsonNode period = r.path("effectivePeriod");
        Instant start =
                period.hasNonNull("start") ? read.instant(period.get("start").asText()) : required(at);
        Instant end = period.hasNonNull("end") ? read.instant(period.get("end").asText()) : null;
        return new ChallengingExperience(
                Values.enumOf(ExperienceType.class, type == null ? "" : type, "experience type"),
                Values.enumOf(Intensity.class, intensity, "intensity"),
                start,
                end);
    }
}
