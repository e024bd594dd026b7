package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.spi.MedicationVocabulary;

/**
 * Reads FHIR R4 JSON (a Bundle, a single resource, an array of them, or a CDS Hooks prefetch map) into a
 * {@link org.ketaminecds.fact.SessionContext}, with Jackson and a mapping of our own (no HAPI FHIR): one mapper per
 * resource type, observation codes from a table ({@code observation-codes.tsv}). Everything it cannot use is reported
 * in {@link FhirReadResult#issues()}, each naming its resource, and never dropped silently; checks the input as a
 * whole cannot support are in {@link FhirReadResult#notEvaluated()}. The reader reports what the record says and
 * decides no clinical question (a session's phase, when not recorded, is left to the rules).
 *
 * <p>The medication list counts as provided when the input has medication resources, or a prefetch map has a
 * {@code medicationRequests} or {@code medicationStatements} key (null there means "no data": an empty list).
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FhirReader {
    /** The mappers, by resource type. Medications are mapped last: a Medication is used through what refers to it. */
    private static final Map<String, ResourceMapper> MAPPERS = mappers(
            new PatientMapper(),
            new ConditionMapper(),
            new AllergyIntoleranceMapper(),
            new MedicationListMapper(),
            new MedicationMapper(),
            new MedicationAdministrationMapper(),
            new ObservationMapper(),
            new QuestionnaireResponseMapper(),
            new ProcedureMapper(),
            new AppointmentMapper(),
            new EncounterMapper());

    private final MedicationVocabulary drugs;

    /**
     * A reader that recognises medicines as {@code drugs} does; pass {@code CdsEngine.medications()} so that reading
     * and evaluating use the same tables and local drugs.
     *
     * @param drugs the medication vocabulary
     */
    public FhirReader(MedicationVocabulary drugs) {
        this.drugs = Objects.requireNonNull(drugs, "drugs");
    }

    /**
     * Reads FHIR JSON into a session context evaluated at {@code asOf}.
     *
     * @param input the FHIR JSON
     * @param asOf the evaluation instant, with the clinic's UTC offset
     * @return the context and what could not be used
     * @throws InvalidFactException if there is no usable Patient, or the facts are invalid as a whole
     */
    public FhirReadResult read(JsonNode input, OffsetDateTime asOf) {
        return read(input, asOf, null);
    }

    /**
     * Reads FHIR JSON for a proposed session ({@code appointment-book}): the earliest of the proposed Appointments
     * becomes the session, with the product, route, dose and recorded phase of the latest administration.
     *
     * @param input the FHIR JSON
     * @param asOf the evaluation instant, with the clinic's UTC offset
     * @param proposedAppointments the proposed Appointments (a Bundle, an array or one), or null
     * @return the context and what could not be used
     * @throws InvalidFactException if there is no usable Patient, or the facts are invalid as a whole
     */
    public FhirReadResult read(JsonNode input, OffsetDateTime asOf, JsonNode proposedAppointments) {
        Objects.requireNonNull(asOf, "asOf");
        Report report = new Report();
        ReadContext read = new ReadContext(asOf, drugs, ObservationCodes.bundled(), report);
        read.index.collect(input);
        List<JsonNode> ordered = new ArrayList<>(read.index.resources());
        ordered.sort(Comparator.comparing(r -> r.path("resourceType").asText().equals("Medication")));
        for (JsonNode r : ordered) {
            try {
                if (map(r, read)) {
                    report.mapped.add(Values.label(r));
                }
            } catch (InvalidFactException | IllegalArgumentException | DateTimeParseException e) {
                report.issue(r, "not mapped: " + e.getMessage());
            }
        }
        if (read.draft.patient == null) {
            throw new InvalidFactException("$", "no Patient resource with an id was found in the FHIR input");
        }
        read.draft.finish(read);
        SessionAssembler.Sessions sessions = SessionAssembler.assemble(read, proposedAppointments);
        return new FhirReadResult(
                read.draft.toContext(read, sessions), report.issues, report.mapped, report.notEvaluated);
    }

    /**
     * Whether a prefetch value (or a fetched search result) says the data could not be had: an OperationOutcome sent
     * instead of the data, or a search Bundle of OperationOutcomes at least one of which reports an error. A searchset
     * whose only entries are information or warning outcomes (Epic's "no results") is an empty result, not a failure.
     *
     * @param value a prefetch value
     * @return whether it is a failure
     */
    public static boolean failedPrefetch(JsonNode value) {
        return Outcomes.failed(value);
    }

    /**
     * The observation codes the reader reads, as the value of a FHIR {@code code} search parameter ({@code system|code}
     * tokens joined by commas, {@code |} percent-encoded): prefetch templates use it to ask only for what is read.
     *
     * @return the token list
     */
    public static String observationCodes() {
        return ObservationCodes.bundled().searchTokens();
    }

    /** A resource the record says is not to be used (entered in error, another patient's, do not perform), or mapped. */
    private static boolean map(JsonNode r, ReadContext read) {
        if (r.path("status").asText("").equals("entered-in-error")
                || Values.hasCode(r.path("verificationStatus"), "entered-in-error")) {
            read.issue(r, "entered-in-error: not used");
            return false;
        }
        String otherPatient = read.index.otherPatient(r);
        if (otherPatient != null) {
            read.issue(r, "it is about another patient (" + otherPatient + "): not used");
            if (MedicationListMapper.isKetamineOrder(r, read)) {
                read.report.notEvaluatedOnce(MedicationListMapper.unevaluatedOrder(
                        Values.label(r) + " is a ketamine or esketamine order about another patient (" + otherPatient
                                + "): it was not checked; check it in that patient's record"));
            }
            return false;
        }
        if (r.path("doNotPerform").asBoolean(false)) {
            read.issue(r, "doNotPerform: an instruction not to give it, not a medication the patient takes: not used");
            return false;
        }
        String type = r.path("resourceType").asText();
        ResourceMapper mapper = MAPPERS.get(type);
        if (mapper == null) {
            read.issue(r, "resource type " + type + " is not used by Ketamine CDS");
            return false;
        }
        return mapper.map(r, read);
    }

    private static Map<String, ResourceMapper> mappers(ResourceMapper... mappers) {
        Map<String, ResourceMapper> byType = new HashMap<>();
        for (ResourceMapper m : mappers) {
            for (String type : m.types()) {
                if (byType.put(type, m) != null) {
                    throw new IllegalStateException("two mappers for " + type);
                }
            }
        }
        return Map.copyOf(byType);
    }
}
