package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.AllergyType;
import org.ketaminecds.fact.Assessment;
import org.ketaminecds.fact.Attendance;
import org.ketaminecds.fact.ChallengingExperience;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.ConditionSeverity;
import org.ketaminecds.fact.ConditionStatus;
import org.ketaminecds.fact.CoursePlan;
import org.ketaminecds.fact.DissociationScore;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.ExperienceType;
import org.ketaminecds.fact.Instrument;
import org.ketaminecds.fact.Intensity;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.MedicationList;
import org.ketaminecds.fact.MedicationStatus;
import org.ketaminecds.fact.Numbers;
import org.ketaminecds.fact.Patient;
import org.ketaminecds.fact.Phase;
import org.ketaminecds.fact.PriorSession;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Quantity;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SedationScore;
import org.ketaminecds.fact.Session;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.SessionDay;
import org.ketaminecds.fact.SessionDose;
import org.ketaminecds.fact.Sex;
import org.ketaminecds.fact.SuicideRisk;
import org.ketaminecds.fact.TherapyEngagement;
import org.ketaminecds.fact.TherapyType;
import org.ketaminecds.fact.VitalSigns;
import org.ketaminecds.spi.MedicationVocabulary;

/**
 * Reads FHIR R4 JSON (a Bundle, a single resource, an array of them, or a CDS Hooks prefetch map) into a
 * {@link SessionContext}, with Jackson and a small mapping of our own (no HAPI FHIR). Everything it cannot map is
 * reported in {@link FhirReadResult#issues()}, never dropped silently. The mapping is documented in the README
 * ("FHIR R4 input"); in short:
 *
 * <ul>
 *   <li>Patient, Condition, AllergyIntolerance, MedicationRequest and MedicationStatement map to the patient,
 *       problem list, allergies and medication list. A ketamine or esketamine MedicationRequest (e.g. a draft order)
 *       is the session being ordered, not a co-medication.</li>
 *   <li>MedicationAdministration of ketamine or esketamine are the sessions: one on {@code asOf}'s date is the
 *       current, dosed session; earlier ones are prior sessions. Appointments in the future are the plan; past
 *       no-shows and cancellations are missed sessions.</li>
 *   <li>Observations: vital signs and body weight by LOINC with units checked; PHQ-9 (total and item 9), GAD-7 and
 *       C-SSRS by LOINC; MADRS, QIDS-SR16, CADSS, MOAA/S and session-day facts by local codes
 *       ({@link FhirCodes#LOCAL_OBSERVATION}). QuestionnaireResponse for the PHQ-9 panel 44249-1. Procedures with
 *       {@link FhirCodes#LOCAL_THERAPY} codes are therapy.</li>
 * </ul>
 *
 * <p>The medication list counts as provided when the input has medication resources, or when a prefetch map has a
 * {@code medicationRequests} or {@code medicationStatements} key (a null value there means "no data", so an empty
 * list). Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FhirReader {
    /** Vital-sign LOINC codes: readings whose time of day matters (before or after the dose). */
    private static final Set<String> VITAL_CODES = Set.of(
            FhirCodes.BP_PANEL,
            FhirCodes.SYSTOLIC,
            FhirCodes.DIASTOLIC,
            FhirCodes.HEART_RATE,
            FhirCodes.SPO2,
            FhirCodes.SPO2_PARENT,
            FhirCodes.RESPIRATORY_RATE);
    /** "Type/id" at the end of a reference, optionally followed by "/_history/version". */
    private static final java.util.regex.Pattern TYPE_AND_ID =
            java.util.regex.Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[^/]+)?$");

    private static final String SCT_SEVERE = "24484000";
    private static final String SCT_MODERATE = "6736007";
    private static final String SCT_MILD = "255604002";

    private final MedicationVocabulary drugs;

    /**
     * A reader that recognises medicines as {@code drugs} does; pass {@link org.ketaminecds.CdsEngine#medications()}
     * so that reading and evaluating use the same tables and local drugs.
     */
    public FhirReader(MedicationVocabulary drugs) {
        this.drugs = java.util.Objects.requireNonNull(drugs, "drugs");
    }

    /**
     * Reads FHIR JSON into a session context evaluated at {@code asOf}.
     *
     * @throws InvalidFactException if there is no usable Patient, or the facts are invalid as a whole
     */
    public FhirReadResult read(JsonNode input, OffsetDateTime asOf) {
        return new Run(asOf, null).read(input);
    }

    /**
     * Reads FHIR JSON for a proposed session ({@code appointment-book}): the earliest of the proposed Appointments
     * becomes the session, with the product, route, dose and phase of the latest administration.
     *
     * @throws InvalidFactException if there is no usable Patient, or the facts are invalid as a whole
     */
    public FhirReadResult read(JsonNode input, OffsetDateTime asOf, JsonNode proposedAppointments) {
        return new Run(asOf, proposedAppointments).read(input);
    }

    /** One read: collects resources, then maps them. Not thread-safe; one per call. */
    private final class Run {
        final OffsetDateTime asOf;
        final List<FhirIssue> issues = new ArrayList<>();
        final List<JsonNode> resources = new ArrayList<>();
        /** Resources by "Type/id" and by Bundle entry fullUrl; contained resources are resolved per referrer. */
        final Map<String, JsonNode> byReference = new HashMap<>();

        final Map<String, JsonNode> byTypeAndId = new HashMap<>();
        /** Each Bundle entry's fullUrl, by resource (identity). */
        final Map<JsonNode, String> fullUrls = new java.util.IdentityHashMap<>();
        /** The Patient the context is about: the first Patient with an id. */
        JsonNode ourPatient;
        /** Medication resources some order, statement or administration referred to (by identity). */
        final java.util.Set<JsonNode> referencedMedications =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        final List<org.ketaminecds.cds.NotEvaluated> notEvaluated = new ArrayList<>();
        org.ketaminecds.fact.PregnancyStatus pregnancy;
        Instant pregnancyAt;
        boolean medicationsProvided;
        final List<String> mappedResources = new ArrayList<>();

        Patient patient;
        Double weightKg;
        Instant weightAt;
        final List<Condition> conditions = new ArrayList<>();
        final List<Allergy> allergies = new ArrayList<>();
        final List<Medication> medications = new ArrayList<>();
        Instant reconciledAt;
        final List<Administration> administrations = new ArrayList<>();
        Order order;
        final List<VitalSigns> vitals = new ArrayList<>();
        final Map<Instant, Double[]> bloodPressureHalves = new TreeMap<>();
        final List<SedationScore> sedation = new ArrayList<>();
        final List<DissociationScore> dissociation = new ArrayList<>();
        final List<ChallengingExperience> experiences = new ArrayList<>();
        /** PHQ-9 parts sent as separate Observations or panel components, by time. */
        final Map<Instant, Phq9Parts> phq9 = new TreeMap<>();

        final List<Assessment> assessments = new ArrayList<>();
        final List<TherapyEngagement> therapy = new ArrayList<>();
        final Map<String, Object> day = new HashMap<>();
        Instant dischargeRequestedAt;
        Instant nextSessionAt;
        Instant followUpAt;
        final List<PriorSession> missed = new ArrayList<>();

        final JsonNode proposed;

        Run(OffsetDateTime asOf, JsonNode proposed) {
            this.asOf = asOf;
            this.proposed = proposed;
        }

        FhirReadResult read(JsonNode input) {
            collect(input, null);
            ourPatient = resources.stream()
                    .filter(r -> r.path("resourceType").asText().equals("Patient") && r.hasNonNull("id"))
                    .findFirst()
                    .orElse(null);
            // Medications last: a Medication resource is used through whatever refers to it.
            List<JsonNode> ordered = new ArrayList<>(resources);
            ordered.sort(
                    Comparator.comparing(r -> r.path("resourceType").asText().equals("Medication")));
            for (JsonNode r : ordered) {
                try {
                    if (map(r)) {
                        mappedResources.add(label(r));
                    }
                } catch (InvalidFactException | IllegalArgumentException | DateTimeParseException e) {
                    issue(r, "not mapped: " + e.getMessage());
                }
            }
            if (patient == null) {
                throw new InvalidFactException("$", "no Patient resource with an id was found in the FHIR input");
            }
            finishPhq9();
            for (Map.Entry<Instant, Double[]> half : bloodPressureHalves.entrySet()) {
                Double[] bp = half.getValue();
                if (bp[0] != null && bp[1] != null) {
                    try {
                        vitals.add(new VitalSigns(half.getKey(), bp[0], bp[1], null, null, null));
                    } catch (InvalidFactException e) {
                        issues.add(new FhirIssue(
                                "Observation",
                                "blood pressure " + Numbers.bp(bp[0], bp[1]) + " at " + half.getKey()
                                        + " is not plausible (" + e.getMessage() + "): not used"));
                    }
                } else {
                    issues.add(new FhirIssue(
                            "Observation",
                            "blood pressure at " + half.getKey() + " has only its "
                                    + (bp[0] != null ? "systolic" : "diastolic") + " value; not used"));
                }
            }
            dropFuture();
            Patient p = new Patient(
                    patient.id(),
                    patient.birthDate(),
                    patient.ageYears(),
                    patient.sex(),
                    null,
                    pregnancy,
                    patient.lactation());
            if (weightKg != null) {
                try {
                    p = new Patient(
                            p.id(), p.birthDate(), p.ageYears(), p.sex(), weightKg, p.pregnancy(), p.lactation());
                } catch (InvalidFactException e) {
                    issues.add(new FhirIssue(
                            "Observation",
                            "body weight " + Numbers.plain(weightKg) + " kg is not plausible (" + e.getMessage()
                                    + "): not used"));
                }
            }
            SessionContext context = SessionContext.builder(asOf, p)
                    .conditions(conditions)
                    .allergies(allergies)
                    .medications(medicationsProvided ? new MedicationList(medications, reconciledAt) : null)
                    .session(session())
                    .priorSessions(priorSessions())
                    .vitals(vitals)
                    .sedation(sedation)
                    .dissociation(dissociation)
                    .experiences(experiences)
                    .assessments(assessments)
                    .therapy(therapy)
                    .plan(
                            nextSessionAt == null && followUpAt == null
                                    ? null
                                    : new CoursePlan(nextSessionAt, followUpAt))
                    .build();
            return new FhirReadResult(context, issues, mappedResources, notEvaluated);
        }

        // ---- collecting ----

        void collect(JsonNode node, String prefetchKey) {
            if (node == null || node.isNull()) {
                return;
            }
            if (node.isArray()) {
                node.forEach(n -> collect(n, prefetchKey));
                return;
            }
            if (!node.isObject()) {
                issues.add(new FhirIssue(
                        prefetchKey == null ? "input" : "prefetch " + prefetchKey,
                        "expected a FHIR resource, Bundle or prefetch object, found " + node.getNodeType()));
                return;
            }
            String type = node.path("resourceType").asText(null);
            if (type == null) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (failedPrefetch(f.getValue())) {
                        prefetchFailed(f.getKey(), f.getValue());
                        continue;
                    }
                    if (f.getKey().equals("medicationRequests") || f.getKey().equals("medicationStatements")) {
                        medicationsProvided = true;
                    }
                    collect(f.getValue(), f.getKey());
                }
                return;
            }
            if (type.equals("Bundle")) {
                String self = "";
                String next = null;
                for (JsonNode link : node.path("link")) {
                    String url = link.path("url").asText("");
                    String relation = link.path("relation").asText("");
                    if (url.contains("MedicationRequest") || url.contains("MedicationStatement")) {
                        medicationsProvided = true;
                    }
                    if (relation.equals("self")) {
                        self = url;
                    } else if (relation.equals("next")) {
                        next = url;
                    }
                }
                java.util.Set<String> entryTypes = new java.util.TreeSet<>();
                for (JsonNode entry : node.path("entry")) {
                    JsonNode resource = entry.get("resource");
                    if (resource != null && resource.isObject()) {
                        entryTypes.add(resource.path("resourceType").asText("?"));
                        if (entry.hasNonNull("fullUrl")) {
                            byReference.put(entry.get("fullUrl").asText(), resource);
                            fullUrls.put(resource, entry.get("fullUrl").asText());
                        }
                    } else {
                        issues.add(new FhirIssue(
                                "Bundle" + (prefetchKey == null ? "" : " " + prefetchKey),
                                "an entry without a resource"
                                        + (entry.hasNonNull("fullUrl")
                                                ? " (" + entry.get("fullUrl").asText() + ")"
                                                : "")
                                        + ": nothing to read"));
                    }
                    collect(resource, prefetchKey);
                }
                if (next != null) {
                    partialBundle(prefetchKey, self + " " + String.join(" ", entryTypes), entryTypes);
                }
                return;
            }
            if (type.equals("OperationOutcome")) {
                issues.add(new FhirIssue(
                        "OperationOutcome",
                        "the client reported a prefetch problem"
                                + (prefetchKey == null ? "" : " for " + prefetchKey) + ": "
                                + node.path("issue")
                                        .path(0)
                                        .path("diagnostics")
                                        .asText(node.path("issue")
                                                .path(0)
                                                .path("code")
                                                .asText("unknown"))));
                return;
            }
            if (node.hasNonNull("id")) {
                String key = type + "/" + node.get("id").asText();
                String url = fullUrls.get(node);
                // A resource's identity: its absolute fullUrl (two servers may both have a Medication/1), else Type/id.
                String identity = url != null && url.contains("://") ? url.replaceAll("/_history/[^/]+$", "") : key;
                JsonNode earlier = byTypeAndId.get(identity);
                if (earlier != null) {
                    // The same resource twice (sent under two prefetch keys, or two versions in a history Bundle):
                    // read once, the newer version.
                    boolean newer = newer(node, earlier);
                    issues.add(new FhirIssue(
                            key,
                            newer
                                    ? "an earlier version of this resource was also sent: the newer is used"
                                    : node.equals(earlier)
                                            ? "sent twice: read once"
                                            : "an older version of this resource was also sent: not used"));
                    if (newer) {
                        resources.set(resources.indexOf(earlier), node);
                        byTypeAndId.put(identity, node);
                        byReference.replace(key, earlier, node);
                    }
                    return;
                }
                byTypeAndId.put(identity, node);
                byReference.putIfAbsent(key, node);
            }
            resources.add(node);
        }

        /** Whether {@code a} is a later version than {@code b} (meta.versionId as a number, else meta.lastUpdated). */
        boolean newer(JsonNode a, JsonNode b) {
            String va = a.path("meta").path("versionId").asText("");
            String vb = b.path("meta").path("versionId").asText("");
            if (va.matches("\\d{1,18}") && vb.matches("\\d{1,18}")) {
                return Long.parseLong(va) > Long.parseLong(vb);
            }
            String la = a.path("meta").path("lastUpdated").asText("");
            String lb = b.path("meta").path("lastUpdated").asText("");
            return !la.isEmpty() && !lb.isEmpty() && la.compareTo(lb) > 0;
        }

        /**
         * A prefetch value that says the client could not get the data: an OperationOutcome, or a search Bundle that
         * holds only OperationOutcomes.
         */
        boolean failedPrefetch(JsonNode value) {
            if (value == null || !value.isObject()) {
                return false;
            }
            String type = value.path("resourceType").asText("");
            if (type.equals("OperationOutcome")) {
                return true;
            }
            if (!type.equals("Bundle") || value.path("entry").isEmpty()) {
                return false;
            }
            for (JsonNode entry : value.path("entry")) {
                if (!entry.path("resource").path("resourceType").asText("").equals("OperationOutcome")) {
                    return false;
                }
            }
            return true;
        }

        /** A prefetch the client could not fill: reported, and what it would have held is a check that cannot run. */
        void prefetchFailed(String key, JsonNode value) {
            JsonNode outcome = value.path("resourceType").asText("").equals("OperationOutcome")
                    ? value
                    : value.path("entry").path(0).path("resource");
            issues.add(new FhirIssue(
                    "prefetch " + key,
                    "the client could not prefetch it: "
                            + outcome.path("issue")
                                    .path(0)
                                    .path("diagnostics")
                                    .asText(outcome.path("issue")
                                            .path(0)
                                            .path("code")
                                            .asText("no reason given"))));
            incomplete(key.toLowerCase(Locale.ROOT), "the client reported that it could not prefetch " + key);
        }

        /**
         * A search result with a next page that was not sent: what it holds is incomplete. Reported as an issue and as
         * a check that could not run on the whole record.
         */
        void partialBundle(String prefetchKey, String what, java.util.Set<String> entryTypes) {
            String where = prefetchKey == null ? "a Bundle" : "prefetch " + prefetchKey;
            issues.add(new FhirIssue(
                    "Bundle", where + " has a next page that was not sent: only the first page was read"));
            incomplete(
                    what.toLowerCase(Locale.ROOT),
                    "a search result has more pages than were sent; later pages were not read");
        }

        /**
         * The checks that cannot run on the whole record when the data named by {@code what} (a prefetch key or
         * resource types, lower case) is incomplete; each is listed once.
         */
        void incomplete(String what, String reason) {
            if (what.contains("medication") && !what.contains("administration")) {
                notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                        org.ketaminecds.cds.NotEvaluated.MEDICATION_INTERACTIONS,
                        reason + ": medicines there were not checked",
                        "medication-interaction",
                        "medication-review"));
            }
            if (what.contains("condition") || what.contains("allerg") || what.contains("problem")) {
                notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                        "condition-screening",
                        reason + ": problem-list or allergy entries there were not screened",
                        "contraindication",
                        "caution"));
            }
            if (what.contains("observation")
                    || what.contains("questionnaire")
                    || what.contains("administration")
                    || what.contains("appointment")
                    || what.contains("procedure")) {
                notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                        "complete-course-record",
                        reason + ": observations, sessions or appointments there were not read",
                        "trajectory",
                        "monitoring",
                        "maintenance",
                        "suicidality"));
            }
        }

        void notEvaluatedOnce(org.ketaminecds.cds.NotEvaluated n) {
            if (notEvaluated.stream().noneMatch(x -> x.check().equals(n.check()))) {
                notEvaluated.add(n);
            }
        }

        /**
         * The resource a reference points to: {@code #id} only inside the referring resource's own {@code contained};
         * otherwise by Bundle entry fullUrl ({@code urn:uuid:...}, absolute URLs) or by {@code Type/id}, also as the
         * tail of an absolute URL (with or without {@code _history}). Null if not in the input.
         */
        JsonNode resolve(JsonNode referrer, String reference) {
            if (reference == null || reference.isEmpty()) {
                return null;
            }
            if (reference.startsWith("#")) {
                String id = reference.substring(1);
                for (JsonNode contained : referrer.path("contained")) {
                    if (id.equals(contained.path("id").asText(null))) {
                        return contained;
                    }
                }
                return null;
            }
            java.util.regex.Matcher m = TYPE_AND_ID.matcher(reference);
            String referrerUrl = fullUrls.get(referrer);
            boolean absolute = reference.contains("://") || reference.startsWith("urn:");
            if (!absolute && m.find() && referrerUrl != null && referrerUrl.contains("://")) {
                // A relative reference inside a Bundle resolves against its own entry's server base first.
                java.util.regex.Matcher own = TYPE_AND_ID.matcher(referrerUrl);
                if (own.find()) {
                    JsonNode sameServer =
                            byReference.get(referrerUrl.substring(0, own.start()) + m.group(1) + "/" + m.group(2));
                    if (sameServer != null) {
                        return sameServer;
                    }
                }
            }
            JsonNode hit = byReference.get(reference);
            if (hit != null) {
                return hit;
            }
            m = TYPE_AND_ID.matcher(reference);
            if (!m.find()) {
                return null;
            }
            JsonNode candidate = byReference.get(m.group(1) + "/" + m.group(2));
            if (candidate != null && absolute) {
                // An absolute reference names a server: a local resource matches only if it came from that server or
                // from no known server.
                String candidateUrl = fullUrls.get(candidate);
                String referenceBase = reference.substring(0, m.start());
                if (candidateUrl != null && candidateUrl.contains("://") && !candidateUrl.startsWith(referenceBase)) {
                    return null;
                }
            }
            return candidate;
        }

        // ---- mapping ----

        boolean map(JsonNode r) {
            String type = r.path("resourceType").asText();
            String status = r.path("status").asText("");
            if (status.equals("entered-in-error") || hasCode(r.path("verificationStatus"), "entered-in-error")) {
                issue(r, "entered-in-error: not used");
                return false;
            }
            String otherPatient = otherPatient(r);
            if (otherPatient != null) {
                issue(r, "it is about another patient (" + otherPatient + "): not used");
                return false;
            }
            if (r.path("doNotPerform").asBoolean(false)) {
                issue(r, "doNotPerform: an instruction not to give it, not a medication the patient takes: not used");
                return false;
            }
            return switch (type) {
                case "Patient" -> patient(r);
                case "Condition" -> condition(r);
                case "AllergyIntolerance" -> allergy(r);
                case "MedicationRequest", "MedicationStatement" -> medication(r, type);
                case "MedicationAdministration" -> administration(r);
                case "Observation" -> observation(r);
                case "QuestionnaireResponse" -> questionnaireResponse(r);
                case "Procedure" -> procedure(r);
                case "Appointment" -> appointment(r);
                case "Medication" -> {
                    if (referencedMedications.contains(r)) {
                        yield true;
                    }
                    issue(
                            r,
                            "a Medication that no MedicationRequest, MedicationStatement or MedicationAdministration "
                                    + "in the input refers to: not used");
                    yield false;
                }
                case "Encounter" -> {
                    issue(
                            r,
                            "read for context only; the session comes from MedicationAdministration, MedicationRequest or Appointment");
                    yield false;
                }
                default -> {
                    issue(r, "resource type " + type + " is not used by Ketamine CDS");
                    yield false;
                }
            };
        }

        /** Whether any coding of a concept has this code. */
        boolean hasCode(JsonNode concept, String code) {
            for (JsonNode c : concept.path("coding")) {
                if (code.equals(c.path("code").asText(null))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The reference of the patient a resource is about, when that is not the Patient of this context, else null.
         * A reference that cannot be resolved counts as ours unless it names another Patient id.
         */
        String otherPatient(JsonNode r) {
            if (ourPatient == null || r.path("resourceType").asText().equals("Patient")) {
                return null;
            }
            String ref = r.path("subject")
                    .path("reference")
                    .asText(r.path("patient").path("reference").asText(null));
            if (ref == null) {
                return null;
            }
            JsonNode target = resolve(r, ref);
            if (target != null) {
                return target == ourPatient
                                || !target.path("resourceType").asText().equals("Patient")
                        ? null
                        : ref;
            }
            java.util.regex.Matcher m = TYPE_AND_ID.matcher(ref);
            return m.find()
                            && m.group(1).equals("Patient")
                            && !m.group(2).equals(ourPatient.get("id").asText())
                    ? ref
                    : null;
        }

        boolean patient(JsonNode r) {
            if (patient != null) {
                issue(r, "a second Patient; the first one is used");
                return false;
            }
            String id = r.path("id").asText(null);
            if (id == null) {
                issue(r, "Patient without an id");
                return false;
            }
            LocalDate birth = null;
            if (r.hasNonNull("birthDate")) {
                String text = r.get("birthDate").asText();
                try {
                    birth = partialDate(text, false);
                    if (text.length() < 10) {
                        issue(
                                r,
                                "birthDate " + text + " is a partial date: age computed from " + birth
                                        + ", so it may be up to a year too high");
                    }
                    if (birth.isAfter(asOf.toLocalDate()) || birth.getYear() < 1880) {
                        issue(
                                r,
                                "birthDate " + text
                                        + " is not possible (after asOf or before 1880): not used, age unknown");
                        birth = null;
                    }
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    issue(r, "birthDate '" + text + "' is not a FHIR date: not used, age unknown");
                    birth = null;
                }
            }
            Sex sex = switch (r.path("gender").asText("")) {
                case "female" -> Sex.FEMALE;
                case "male" -> Sex.MALE;
                case "other" -> Sex.OTHER;
                default -> null;
            };
            if (sex == null) {
                sex = sexFromExtension(r);
            }
            if (r.path("deceasedBoolean").asBoolean(false) || r.hasNonNull("deceasedDateTime")) {
                issue(r, "the patient is recorded as deceased: the record is evaluated as sent");
            }
            patient = new Patient(id, birth, null, sex, null, null, null);
            return true;
        }

        /**
         * Sex from the US Core individual-sex extension (SNOMED CT 248152002 female, 248153007 male) or the older
         * birth-sex extension (F, M), for a Patient without {@code gender}; unknown otherwise.
         */
        Sex sexFromExtension(JsonNode r) {
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

        boolean condition(JsonNode r) {
            if (hasCode(r.path("verificationStatus"), "refuted")) {
                issue(r, "verificationStatus refuted: not used");
                return false;
            }
            Coding code = firstCoding(r.path("code"), CodeSystems.SNOMED_CT, CodeSystems.ICD_10_CM, CodeSystems.ICD_10);
            String text = text(r.path("code"));
            if (code == null && text == null) {
                issue(r, "no SNOMED CT or ICD-10 coding and no text: not recognisable");
                return false;
            }
            String clinical =
                    r.path("clinicalStatus").path("coding").path(0).path("code").asText(null);
            ConditionStatus status;
            if (clinical == null) {
                issue(r, "no clinicalStatus: treated as active");
                status = ConditionStatus.ACTIVE;
            } else {
                status = enumOf(ConditionStatus.class, clinical, "clinicalStatus");
            }
            LocalDate onset = null;
            if (r.hasNonNull("onsetDateTime")) {
                String onsetText = r.get("onsetDateTime").asText();
                onset = onsetText.length() < 10 ? partialDate(onsetText, true) : date(onsetText);
                if (onsetText.length() < 10) {
                    issue(
                            r,
                            "onsetDateTime " + onsetText + " is a partial date: read as its latest possible day, "
                                    + onset + ", so a recent event is not missed");
                }
            } else if (r.path("onsetPeriod").hasNonNull("start")) {
                String onsetText = r.path("onsetPeriod").get("start").asText();
                onset = onsetText.length() < 10 ? partialDate(onsetText, true) : date(onsetText);
            } else if (r.has("onsetAge") || r.has("onsetString") || r.has("onsetRange")) {
                issue(
                        r,
                        "onset given as "
                                + (r.has("onsetAge") ? "an age" : r.has("onsetString") ? "text" : "an age range")
                                + ", not a date: read as undated (an undated event counts as recent where recency matters)");
            }
            String name = text != null && (code == null || !text.equals(code.display())) ? text : null;
            conditions.add(new Condition(code, name, status, onset, severity(r.path("severity"))));
            return true;
        }

        ConditionSeverity severity(JsonNode severity) {
            for (JsonNode c : severity.path("coding")) {
                switch (c.path("code").asText("")) {
                    case SCT_SEVERE:
                        return ConditionSeverity.SEVERE;
                    case SCT_MODERATE:
                        return ConditionSeverity.MODERATE;
                    case SCT_MILD:
                        return ConditionSeverity.MILD;
                    default:
                        break;
                }
            }
            String t = text(severity);
            if (t == null) {
                return null;
            }
            t = t.toLowerCase(Locale.ROOT);
            return t.contains("severe")
                    ? ConditionSeverity.SEVERE
                    : t.contains("moderate")
                            ? ConditionSeverity.MODERATE
                            : t.contains("mild") ? ConditionSeverity.MILD : null;
        }

        boolean allergy(JsonNode r) {
            if (hasCode(r.path("verificationStatus"), "refuted")) {
                issue(r, "verificationStatus refuted: not used");
                return false;
            }
            String clinical =
                    r.path("clinicalStatus").path("coding").path(0).path("code").asText("active");
            if (clinical.equals("inactive") || clinical.equals("resolved")) {
                issue(r, "clinicalStatus " + clinical + ": no longer an allergy, not used");
                return false;
            }
            Coding code = firstCoding(r.path("code"), CodeSystems.RXNORM, CodeSystems.SNOMED_CT);
            String text = text(r.path("code"));
            if (code == null && text == null) {
                // Some systems record the substance only on the reaction.
                JsonNode substance = r.path("reaction").path(0).path("substance");
                code = firstCoding(substance, CodeSystems.RXNORM, CodeSystems.SNOMED_CT);
                text = text(substance);
                if (code == null && text == null) {
                    issue(r, "no RxNorm or SNOMED CT coding and no text, on the allergy or its reaction");
                    return false;
                }
                issue(r, "no code on the allergy: its reaction's substance is used");
            }
            LocalDate recorded =
                    r.hasNonNull("recordedDate") ? date(r.get("recordedDate").asText()) : null;
            AllergyType type = null;
            if (r.hasNonNull("type")) {
                type = AllergyType.ofCode(r.get("type").asText());
                if (type == null) {
                    issue(
                            r,
                            "type '" + r.get("type").asText()
                                    + "' is not allergy or intolerance: read as a possible allergy");
                }
            }
            allergies.add(new Allergy(code, text, recorded, type));
            return true;
        }

        /**
         * The medication's concept: {@code medicationCodeableConcept}, or the code of the Medication that
         * {@code medicationReference} points to (R4), or the R4B/R5 {@code medication} CodeableReference
         * ({@code concept} or {@code reference}). Null if there is none or the reference is not in the input.
         */
        JsonNode medicationConcept(JsonNode r) {
            if (r.has("medicationCodeableConcept")) {
                return r.get("medicationCodeableConcept");
            }
            JsonNode codeableReference = r.path("medication");
            if (codeableReference.has("concept")) {
                return codeableReference.get("concept");
            }
            String ref = r.path("medicationReference").path("reference").asText(null);
            if (ref == null) {
                ref = codeableReference.path("reference").path("reference").asText(null);
            }
            JsonNode target = resolve(r, ref);
            if (target != null && target.path("resourceType").asText().equals("Medication")) {
                referencedMedications.add(target);
                return target.path("code");
            }
            return null;
        }

        String medicationReference(JsonNode r) {
            String ref = r.path("medicationReference").path("reference").asText(null);
            return ref != null
                    ? ref
                    : r.path("medication").path("reference").path("reference").asText(null);
        }

        boolean medication(JsonNode r, String type) {
            medicationsProvided = true;
            JsonNode concept = medicationConcept(r);
            String status = r.path("status").asText("unknown");
            if (concept == null) {
                String ref = medicationReference(r);
                String where = ref == null
                        ? "no medication (medicationCodeableConcept or medicationReference)"
                        : "its medication reference "
                                + (ref.startsWith("#")
                                        ? ref + " is not among its contained resources"
                                        : ref + " is not in the input");
                if (Set.of("completed", "stopped", "cancelled", "not-taken").contains(status)) {
                    issue(r, where + "; status " + status + ", so not current");
                    return false;
                }
                issue(r, where + ": listed as not checked");
                medications.add(Medication.active("a medication the record did not include ("
                        + (ref == null ? type : ref.startsWith("#") ? "contained " + ref : "reference not resolved")
                        + ")"));
                return true;
            }
            Coding code = firstCoding(concept, CodeSystems.RXNORM);
            String text = text(concept);
            if (code == null && text == null) {
                issue(r, "medication has no RxNorm coding and no text");
                return false;
            }
            Medication probe = new Medication(code, text, null, null, MedicationStatus.ACTIVE, null, null, null);
            Product product = product(probe);
            JsonNode dosage = type.equals("MedicationRequest")
                    ? r.path("dosageInstruction").path(0)
                    : r.path("dosage").path(0);
            if (product != null && type.equals("MedicationRequest")) {
                if (status.equals("draft") || status.equals("active")) {
                    if (order != null) {
                        issue(
                                r,
                                "a second ketamine or esketamine order: only the first (" + order.label()
                                        + ") is checked as the " + "session being ordered; check this one on its own");
                        return false;
                    }
                    order = new Order(
                            product,
                            route(dosage.path("route"), product, r),
                            orderDose(dosage.path("doseAndRate").path(0), r),
                            phase(r),
                            label(r));
                    return true;
                }
                issue(r, "ketamine order with status " + status + ": not the session being ordered");
                return false;
            }
            if (status.equals("draft") && !drugs.recognises(probe)) {
                issue(
                        r,
                        "draft order for " + probe.label() + " is not recognised by the drug-class table, so it was "
                                + "not checked for interactions; if it is a ketamine or esketamine product, the session checks did "
                                + "not run for it");
            }
            MedicationStatus mapped = switch (status) {
                case "active", "draft", "intended" -> MedicationStatus.ACTIVE;
                case "on-hold" -> MedicationStatus.ON_HOLD;
                case "completed", "stopped", "cancelled", "not-taken" -> MedicationStatus.STOPPED;
                default -> {
                    issue(r, "status " + status + ": treated as active");
                    yield MedicationStatus.ACTIVE;
                }
            };
            Quantity dose = dose(dosage.path("doseAndRate").path(0), r);
            String frequency = dosageText(dosage);
            JsonNode all = type.equals("MedicationRequest") ? r.path("dosageInstruction") : r.path("dosage");
            if (all.size() > 1) {
                List<String> later = new ArrayList<>();
                for (int i = 1; i < all.size(); i++) {
                    later.add(java.util.Objects.requireNonNullElse(dosageText(all.get(i)), "no details"));
                }
                issue(
                        r,
                        all.size() + " dosage instructions (a taper or a schedule): the dose shown is the first one's; "
                                + "the others are in the frequency text");
                frequency = (frequency == null ? "" : frequency) + "; then " + String.join("; then ", later);
            }
            boolean asNeeded = dosage.path("asNeededBoolean").asBoolean(false)
                    || dosage.has("asNeededCodeableConcept")
                    || dosage.path("asNeeded").asBoolean(false)
                    || dosage.has("asNeededFor");
            LocalDate start = null;
            LocalDate end = null;
            JsonNode period = type.equals("MedicationStatement")
                    ? r.path("effectivePeriod")
                    : r.path("dispenseRequest").path("validityPeriod");
            if (period.hasNonNull("start")) {
                start = date(period.get("start").asText());
            }
            if (period.hasNonNull("end")) {
                end = date(period.get("end").asText());
            }
            if (start == null && r.hasNonNull("effectiveDateTime")) {
                start = date(r.get("effectiveDateTime").asText());
            }
            if (start == null && r.hasNonNull("authoredOn")) {
                start = date(r.get("authoredOn").asText());
            }
            medications.add(new Medication(code, text, dose, frequency, mapped, start, end, asNeeded));
            return true;
        }

        /**
         * A co-medication's dose: {@code doseQuantity} with its unit (a value without a unit is kept, marked so), or
         * the top of a {@code doseRange}; each reading that changes what was sent is reported.
         */
        Quantity dose(JsonNode doseAndRate, JsonNode r) {
            JsonNode q = doseAndRate.path("doseQuantity");
            if (q.has("value")) {
                String unit = q.hasNonNull("unit")
                        ? q.get("unit").asText()
                        : q.path("code").asText("");
                if (unit.isBlank()) {
                    issue(r, "dose " + q.get("value").asText() + " has no unit: kept as 'unit not recorded'");
                    unit = "unit not recorded";
                }
                return new Quantity(q.get("value").asDouble(), unit);
            }
            JsonNode range = doseAndRate.path("doseRange");
            if (range.path("high").has("value")) {
                JsonNode high = range.get("high");
                String unit = high.hasNonNull("unit")
                        ? high.get("unit").asText()
                        : high.path("code").asText("unit not recorded");
                issue(
                        r,
                        "dose range " + range.path("low").path("value").asText("?") + "-"
                                + high.get("value").asText() + " " + unit + ": the top of the range is shown");
                return new Quantity(high.get("value").asDouble(), unit);
            }
            return null;
        }

        /** A dosage in words: its text, else its timing, else its dose, else "no text". */
        String dosageText(JsonNode dosage) {
            if (dosage.hasNonNull("text") && !dosage.get("text").asText().isBlank()) {
                return dosage.get("text").asText();
            }
            String timing = frequency(dosage.path("timing"));
            if (timing != null) {
                return timing;
            }
            JsonNode q = dosage.path("doseAndRate").path(0).path("doseQuantity");
            return q.has("value")
                    ? q.get("value").asText() + " "
                            + q.path("unit").asText(q.path("code").asText(""))
                    : null;
        }

        /** A dosage timing in words: its code's text ("BID"), else its repeat ("2 times every 1 d", "every 8 h"). */
        String frequency(JsonNode timing) {
            String coded = text(timing.path("code"));
            if (coded != null) {
                return coded;
            }
            JsonNode repeat = timing.path("repeat");
            if (!repeat.has("period")) {
                return repeat.has("frequency") ? repeat.get("frequency").asText() + " times" : null;
            }
            String period = Numbers.plain(repeat.get("period").asDouble()) + " "
                    + repeat.path("periodUnit").asText("?");
            int times = repeat.path("frequency").asInt(1);
            String when = repeat.has("when") ? " (" + repeat.get("when").get(0).asText() + ")" : "";
            return (times == 1 ? "every " + period : times + " times every " + period) + when;
        }

        Product product(Medication m) {
            return drugs.ketamineProduct(m);
        }

        boolean administration(JsonNode r) {
            JsonNode concept = medicationConcept(r);
            Product product = concept == null
                    ? null
                    : product(new Medication(
                            firstCoding(concept, CodeSystems.RXNORM),
                            text(concept),
                            null,
                            null,
                            MedicationStatus.ACTIVE,
                            null,
                            null,
                            null));
            if (product == null) {
                issue(r, "administration of a medicine other than ketamine or esketamine: not used");
                return false;
            }
            Instant at = r.hasNonNull("effectiveDateTime")
                    ? instant(r.get("effectiveDateTime").asText())
                    : r.path("effectivePeriod").hasNonNull("start")
                            ? instant(r.path("effectivePeriod").get("start").asText())
                            : null;
            if (at == null) {
                issue(r, "no effectiveDateTime or effectivePeriod.start");
                return false;
            }
            String status = r.path("status").asText("completed");
            if (!status.equals("completed") && !status.equals("in-progress")) {
                issue(r, "status " + status + ": not counted as a session");
                return false;
            }
            if (at.isAfter(asOf.toInstant())) {
                issue(r, "administration dated " + at + ", after asOf: not used");
                return false;
            }
            boolean dateOnly = r.path("effectiveDateTime")
                            .asText(r.path("effectivePeriod").path("start").asText(""))
                            .length()
                    == 10;
            if (dateOnly && !at.atOffset(asOf.getOffset()).toLocalDate().isBefore(asOf.toLocalDate())) {
                issue(r, "today's administration has a date but no time: the time since the dose is unknown");
                notEvaluatedOnce(new org.ketaminecds.cds.NotEvaluated(
                        "post-dose-timing",
                        "today's ketamine administration has no time of day, so the time since the dose cannot be judged",
                        "monitoring",
                        "discharge",
                        "pre-session"));
            }
            SessionDose dose = sessionDose(r.path("dosage").path("dose"), r);
            if (dose == null && r.path("dosage").has("rateQuantity")) {
                issue(r, "an infusion rate without a total dose: the dose is not known");
            }
            administrations.add(new Administration(
                    at, product, route(r.path("dosage").path("route"), product, r), dose, phase(r), label(r)));
            return true;
        }

        Route route(JsonNode route, Product product, JsonNode r) {
            for (JsonNode c : route.path("coding")) {
                switch (c.path("code").asText("")) {
                    case "47625008":
                        return Route.INTRAVENOUS;
                    case "78421000":
                        return Route.INTRAMUSCULAR;
                    case "26643006":
                        return Route.ORAL;
                    case "46713006":
                        return Route.INTRANASAL;
                    default:
                        break;
                }
            }
            String t = text(route);
            if (t != null) {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.contains("intravenous") || l.equals("iv")) {
                    return Route.INTRAVENOUS;
                }
                if (l.contains("intramuscular") || l.equals("im")) {
                    return Route.INTRAMUSCULAR;
                }
                if (l.contains("nasal")) {
                    return Route.INTRANASAL;
                }
                if (l.contains("oral") || l.contains("mouth")) {
                    return Route.ORAL;
                }
            }
            if (product == Product.ESKETAMINE) {
                return Route.INTRANASAL;
            }
            issue(r, "no recognisable route for racemic ketamine: intravenous assumed");
            return Route.INTRAVENOUS;
        }

        /** A ketamine dose (mg or mg/kg); a dose range is read as its top, with an issue. */
        SessionDose sessionDose(JsonNode q, JsonNode r) {
            if (!q.has("value")) {
                return null;
            }
            String unit = q.path("code").asText(q.path("unit").asText(""));
            double value = number(q.get("value"), "dose value");
            return switch (unit) {
                case "mg" -> new SessionDose(value, DoseUnit.MG);
                case "mg/kg" -> new SessionDose(value, DoseUnit.MG_PER_KG);
                default -> throw new IllegalArgumentException("dose unit must be mg or mg/kg, was '" + unit + "'");
            };
        }

        /** The dose of a ketamine order's dosage: doseQuantity, or the top of a doseRange with an issue. */
        SessionDose orderDose(JsonNode doseAndRate, JsonNode r) {
            if (doseAndRate.has("doseQuantity")) {
                return sessionDose(doseAndRate.get("doseQuantity"), r);
            }
            JsonNode high = doseAndRate.path("doseRange").path("high");
            if (high.has("value")) {
                issue(
                        r,
                        "ketamine dose range "
                                + doseAndRate
                                        .path("doseRange")
                                        .path("low")
                                        .path("value")
                                        .asText("?") + "-" + high.get("value").asText()
                                + ": the top of the range is checked");
                return sessionDose(high, r);
            }
            if (doseAndRate.has("rateQuantity")) {
                issue(r, "an infusion rate without a total dose: the dose is not known");
            }
            return null;
        }

        Phase phase(JsonNode r) {
            for (JsonNode ext : r.path("extension")) {
                if (FhirCodes.PHASE_EXTENSION.equals(ext.path("url").asText())) {
                    return enumOf(Phase.class, ext.path("valueCode").asText(null), "phase");
                }
            }
            return null;
        }

        boolean observation(JsonNode r) {
            String status = r.path("status").asText("final");
            if (status.equals("cancelled") || status.equals("registered")) {
                issue(r, "status " + status + ": no result to use");
                return false;
            }
            Instant at = effective(r);
            String loinc = code(r.path("code"), CodeSystems.LOINC);
            String local = code(r.path("code"), FhirCodes.LOCAL_OBSERVATION);
            if (loinc != null) {
                return loincObservation(r, loinc, at);
            }
            if (local != null) {
                return localObservation(r, local, at);
            }
            issue(r, "no LOINC or Ketamine CDS local code that is used: " + codes(r.path("code")));
            return false;
        }

        boolean loincObservation(JsonNode r, String loinc, Instant at) {
            requireTime(r, at);
            if (VITAL_CODES.contains(loinc) && dateOnly(r)) {
                issue(
                        r,
                        "a vital sign with a date but no time: it cannot be placed before or after the dose, not used");
                return false;
            }
            int item = FhirCodes.phq9Item(loinc);
            if (item >= 0) {
                Phq9Parts parts = phq9.computeIfAbsent(at, k -> new Phq9Parts());
                parts.items[item] = score(r);
                parts.sources.add(label(r));
                return true;
            }
            switch (loinc) {
                case FhirCodes.BP_PANEL -> {
                    Double sys = null;
                    Double dia = null;
                    for (JsonNode c : r.path("component")) {
                        String cc = code(c.path("code"), CodeSystems.LOINC);
                        if (FhirCodes.SYSTOLIC.equals(cc)) {
                            sys = measured(c, "mm[Hg]");
                        } else if (FhirCodes.DIASTOLIC.equals(cc)) {
                            dia = measured(c, "mm[Hg]");
                        }
                    }
                    if (sys == null || dia == null) {
                        issue(
                                r,
                                "blood-pressure panel without both systolic (8480-6) and diastolic (8462-4) components");
                        return false;
                    }
                    vitals.add(new VitalSigns(at, sys, dia, null, null, null));
                }
                case FhirCodes.SYSTOLIC ->
                    bloodPressureHalves.computeIfAbsent(at, k -> new Double[2])[0] = measured(r, "mm[Hg]");
                case FhirCodes.DIASTOLIC ->
                    bloodPressureHalves.computeIfAbsent(at, k -> new Double[2])[1] = measured(r, "mm[Hg]");
                case FhirCodes.HEART_RATE ->
                    vitals.add(new VitalSigns(at, null, null, measured(r, "/min"), null, null));
                case FhirCodes.SPO2, FhirCodes.SPO2_PARENT ->
                    vitals.add(new VitalSigns(at, null, null, null, measured(r, "%"), null));
                case FhirCodes.RESPIRATORY_RATE ->
                    vitals.add(new VitalSigns(at, null, null, null, null, measured(r, "/min")));
                case FhirCodes.BODY_WEIGHT -> {
                    JsonNode q = r.path("valueQuantity");
                    String unit = q.path("code").asText(q.path("unit").asText(""));
                    double value = number(q.path("value"), "valueQuantity.value");
                    comparator(q, r);
                    double kg = switch (unit) {
                        case "kg" -> value;
                        case "g" -> value / 1000;
                        case "[lb_av]", "lb" -> value * 0.45359237;
                        default ->
                            throw new IllegalArgumentException(
                                    "body weight unit must be kg, g or [lb_av], was '" + unit + "'");
                    };
                    if (at.isAfter(asOf.toInstant())) {
                        issue(r, "body weight dated " + at + ", after asOf: not used");
                        return false;
                    }
                    if (weightAt == null || at.isAfter(weightAt)) {
                        weightKg = kg;
                        weightAt = at;
                    } else {
                        issue(r, "an earlier body weight than another in the input: the latest is used");
                    }
                }
                case FhirCodes.PHQ9_TOTAL -> {
                    Phq9Parts parts = phq9.computeIfAbsent(at, k -> new Phq9Parts());
                    parts.total = score(r);
                    parts.sources.add(label(r));
                }
                case FhirCodes.PHQ9_PANEL -> {
                    return phq9Panel(r, at);
                }
                case FhirCodes.PHQ9_DIFFICULTY -> {
                    issue(r, "the PHQ-9 difficulty question (69722-7) is not part of the score: not used");
                    return false;
                }
                case FhirCodes.PREGNANCY_STATUS -> {
                    return pregnancyStatus(r, at);
                }
                case FhirCodes.GAD7_TOTAL -> assessments.add(Assessment.scored(Instrument.GAD_7, at, score(r)));
                case FhirCodes.CSSRS_RISK -> assessments.add(cssrs(r.path("valueCodeableConcept"), at));
                case FhirCodes.CSSRS_PANEL -> {
                    for (JsonNode c : r.path("component")) {
                        if (FhirCodes.CSSRS_RISK.equals(code(c.path("code"), CodeSystems.LOINC))) {
                            assessments.add(cssrs(c.path("valueCodeableConcept"), at));
                            return true;
                        }
                    }
                    issue(r, "C-SSRS panel without a suicide risk level (93374-7) component");
                    return false;
                }
                default -> {
                    issue(r, "LOINC " + loinc + " is not used by Ketamine CDS");
                    return false;
                }
            }
            return true;
        }

        /**
         * A PHQ-9 panel (44249-1): item and total components are read like item Observations; members
         * ({@code hasMember}) are read as the Observations they are, and each member missing from the input is
         * reported.
         */
        boolean phq9Panel(JsonNode r, Instant at) {
            boolean used = false;
            for (JsonNode c : r.path("component")) {
                String cc = code(c.path("code"), CodeSystems.LOINC);
                int item = FhirCodes.phq9Item(cc);
                if (item >= 0) {
                    Phq9Parts parts = phq9.computeIfAbsent(at, k -> new Phq9Parts());
                    parts.items[item] = score(c);
                    parts.sources.add(label(r));
                    used = true;
                } else if (FhirCodes.PHQ9_TOTAL.equals(cc)) {
                    Phq9Parts parts = phq9.computeIfAbsent(at, k -> new Phq9Parts());
                    parts.total = score(c);
                    parts.sources.add(label(r));
                    used = true;
                }
            }
            List<String> missing = new ArrayList<>();
            for (JsonNode member : r.path("hasMember")) {
                String ref = member.path("reference").asText(null);
                if (resolve(r, ref) == null) {
                    missing.add(ref);
                } else {
                    used = true;
                }
            }
            if (!missing.isEmpty()) {
                issue(
                        r,
                        "PHQ-9 panel members not in the input: " + String.join(", ", missing)
                                + "; the PHQ-9 may be incomplete");
            }
            if (!used) {
                issue(r, "PHQ-9 panel without item or total components and without members in the input");
            }
            return used;
        }

        /** US Core pregnancy status (LOINC 82810-3): SNOMED CT 77386006 pregnant, 60001007 not pregnant. */
        boolean pregnancyStatus(JsonNode r, Instant at) {
            String code = code(r.path("valueCodeableConcept"), CodeSystems.SNOMED_CT);
            org.ketaminecds.fact.PregnancyStatus status = FhirCodes.SCT_PREGNANT.equals(code)
                    ? org.ketaminecds.fact.PregnancyStatus.PREGNANT
                    : FhirCodes.SCT_NOT_PREGNANT.equals(code)
                            ? org.ketaminecds.fact.PregnancyStatus.NOT_PREGNANT
                            : null;
            if (status == null) {
                issue(
                        r,
                        "pregnancy status " + codes(r.path("valueCodeableConcept")) + " is neither pregnant (77386006) "
                                + "nor not pregnant (60001007): read as unknown");
                return false;
            }
            if (at.isAfter(asOf.toInstant())) {
                issue(r, "pregnancy status dated " + at + ", after asOf: not used");
                return false;
            }
            if (pregnancyAt == null || at.isAfter(pregnancyAt)) {
                pregnancy = status;
                pregnancyAt = at;
            }
            return true;
        }

        Assessment cssrs(JsonNode concept, Instant at) {
            String display = (text(concept) == null ? "" : text(concept)).toLowerCase(Locale.ROOT);
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

        boolean localObservation(JsonNode r, String local, Instant at) {
            if (Set.of(FhirCodes.CADSS_TOTAL, FhirCodes.MOAAS, FhirCodes.CHALLENGING_EXPERIENCE)
                            .contains(local)
                    && dateOnly(r)) {
                issue(
                        r,
                        "an in-session observation with a date but no time: it cannot be placed against the dose, not used");
                return false;
            }
            switch (local) {
                case FhirCodes.MADRS_TOTAL ->
                    assessments.add(Assessment.scored(Instrument.MADRS, requireTime(r, at), score(r)));
                case FhirCodes.QIDS_TOTAL ->
                    assessments.add(Assessment.scored(Instrument.QIDS_SR16, requireTime(r, at), score(r)));
                case FhirCodes.CADSS_TOTAL -> dissociation.add(new DissociationScore(requireTime(r, at), score(r)));
                case FhirCodes.MOAAS -> sedation.add(new SedationScore(requireTime(r, at), score(r)));
                case FhirCodes.LAST_FOOD -> day.put(local, valueInstant(r, at));
                case FhirCodes.LAST_FLUIDS -> day.put(local, valueInstant(r, at));
                case FhirCodes.NASAL_PRODUCT -> day.put(local, valueInstant(r, at));
                case FhirCodes.TRANSPORT,
                        FhirCodes.RESPONSIBLE_ADULT,
                        FhirCodes.PRESCRIBER_ON_SITE,
                        FhirCodes.OXIMETER_ON_SITE -> {
                    if (!r.path("valueBoolean").isBoolean()) {
                        throw new IllegalArgumentException(local + " needs valueBoolean");
                    }
                    day.put(local, r.get("valueBoolean").asBoolean());
                }
                case FhirCodes.DISCHARGE_REQUESTED -> dischargeRequestedAt = valueInstant(r, at);
                case FhirCodes.MEDICATION_RECONCILIATION -> reconciledAt = requireTime(r, at);
                case FhirCodes.CHALLENGING_EXPERIENCE -> {
                    String type = r.path("valueCodeableConcept")
                            .path("coding")
                            .path(0)
                            .path("code")
                            .asText("");
                    String intensity = null;
                    for (JsonNode c : r.path("component")) {
                        if (FhirCodes.INTENSITY.equals(code(c.path("code"), FhirCodes.LOCAL_OBSERVATION))) {
                            intensity = c.path("valueCodeableConcept")
                                    .path("coding")
                                    .path(0)
                                    .path("code")
                                    .asText(null);
                        }
                    }
                    JsonNode period = r.path("effectivePeriod");
                    Instant start = period.hasNonNull("start")
                            ? instant(period.get("start").asText())
                            : requireTime(r, at);
                    Instant end =
                            period.hasNonNull("end") ? instant(period.get("end").asText()) : null;
                    experiences.add(new ChallengingExperience(
                            enumOf(ExperienceType.class, type, "experience type"),
                            enumOf(Intensity.class, intensity, "intensity"),
                            start,
                            end));
                }
                default -> {
                    issue(r, "local code " + local + " is not one Ketamine CDS uses");
                    return false;
                }
            }
            return true;
        }

        /**
         * A PHQ-9 QuestionnaireResponse: its questionnaire names the PHQ-9 (the LOINC panel 44249-1, or "phq-9" /
         * "phq9" in the canonical, as the US Core example does), or at least five of its items are PHQ-9 items by
         * linkId or code.
         */
        boolean isPhq9(JsonNode r) {
            String canonical = r.path("questionnaire").asText("").toLowerCase(Locale.ROOT);
            if (canonical.contains(FhirCodes.PHQ9_PANEL) || canonical.contains("phq-9") || canonical.contains("phq9")) {
                return true;
            }
            int items = 0;
            for (JsonNode item : flatten(r.path("item"))) {
                String link = item.path("linkId").asText("").replace("/", "");
                String coded = code(item, CodeSystems.LOINC);
                if (FhirCodes.phq9Item(link) >= 0 || FhirCodes.phq9Item(coded) >= 0) {
                    items++;
                }
            }
            return items >= 5;
        }

        boolean questionnaireResponse(JsonNode r) {
            if (!isPhq9(r)) {
                issue(
                        r,
                        "questionnaire " + r.path("questionnaire").asText("(none)")
                                + " is not the PHQ-9 (panel 44249-1, " + "or PHQ-9 item linkIds): not used");
                return false;
            }
            String status = r.path("status").asText("");
            if (!status.equals("completed") && !status.equals("amended")) {
                issue(r, "status " + status + ": only completed or amended PHQ-9 responses are used");
                return false;
            }
            Instant at = instant(r.path("authored").asText());
            Integer[] items = new Integer[9];
            Integer total = null;
            for (JsonNode item : flatten(r.path("item"))) {
                String link = item.path("linkId").asText("").replace("/", "");
                String coded = code(item, CodeSystems.LOINC);
                int index = FhirCodes.phq9Item(link) >= 0 ? FhirCodes.phq9Item(link) : FhirCodes.phq9Item(coded);
                JsonNode answer = item.path("answer").path(0);
                if (index >= 0) {
                    items[index] = answerScore(answer);
                    if (items[index] == null && !answer.isMissingNode()) {
                        issue(
                                r,
                                "PHQ-9 item " + (index + 1) + " (" + FhirCodes.PHQ9_ITEMS[index]
                                        + ") has an answer that "
                                        + "cannot be scored (no LOINC answer code, integer or ordinalValue)"
                                        + (index == 8 ? ": the suicide screen question was NOT read" : ""));
                    }
                }
                if (link.equals(FhirCodes.PHQ9_TOTAL) || FhirCodes.PHQ9_TOTAL.equals(coded)) {
                    double value = answer.has("valueInteger")
                            ? answer.get("valueInteger").asDouble()
                            : answer.path("valueDecimal").asDouble(Double.NaN);
                    if (value == Math.rint(value) && value >= 0) {
                        total = (int) value;
                    } else {
                        issue(r, "PHQ-9 total answer is not a whole number: not used");
                    }
                }
            }
            Phq9Parts parts = phq9.computeIfAbsent(at, k -> new Phq9Parts());
            parts.sources.add(label(r));
            for (int i = 0; i < 9; i++) {
                if (items[i] != null) {
                    parts.items[i] = items[i];
                }
            }
            if (total != null) {
                parts.total = total;
            }
            return true;
        }

        List<JsonNode> flatten(JsonNode items) {
            List<JsonNode> all = new ArrayList<>();
            for (JsonNode i : items) {
                all.add(i);
                all.addAll(flatten(i.path("item")));
            }
            return all;
        }

        /**
         * The score of a questionnaire answer: an integer, a LOINC PHQ answer code, or a coding with the score in the
         * standard ordinalValue (R4) or itemWeight (R5) extension, as systems with their own answer codes send it.
         */
        Integer answerScore(JsonNode answer) {
            if (answer.has("valueInteger") && answer.get("valueInteger").canConvertToInt()) {
                return answer.get("valueInteger").intValue();
            }
            Integer coded = codedScore(answer.path("valueCoding"));
            if (coded != null) {
                return coded;
            }
            for (JsonNode ext : answer.path("valueCoding").path("extension")) {
                String url = ext.path("url").asText("");
                if (url.endsWith("/ordinalValue")
                        || url.endsWith("/itemWeight")
                        || url.endsWith("/iso21090-CO-value")) {
                    JsonNode v = ext.path("valueDecimal");
                    if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())) {
                        return v.intValue();
                    }
                }
            }
            return null;
        }

        boolean procedure(JsonNode r) {
            String status = r.path("status").asText("");
            if (status.equals("not-done") || status.equals("preparation")) {
                issue(r, "procedure status " + status + ": not therapy that took place");
                return false;
            }
            if (FhirCodes.SCT_MEDICATION_RECONCILIATION.equals(code(r.path("code"), CodeSystems.SNOMED_CT))) {
                JsonNode period = r.path("performedPeriod");
                String when = period.hasNonNull("end")
                        ? period.get("end").asText()
                        : period.hasNonNull("start")
                                ? period.get("start").asText()
                                : r.path("performedDateTime").asText(null);
                if (when == null) {
                    issue(r, "medication reconciliation without a performed time: not used");
                    return false;
                }
                Instant at = instant(when);
                reconciledAt = reconciledAt == null || at.isAfter(reconciledAt) ? at : reconciledAt;
                return true;
            }
            TherapyType type = FhirCodes.therapyType(code(r.path("code"), CodeSystems.SNOMED_CT));
            String local = code(r.path("code"), FhirCodes.LOCAL_THERAPY);
            if (type == null && local != null) {
                type = enumOf(TherapyType.class, local, "therapy type");
            }
            if (type == null) {
                issue(
                        r,
                        "procedure " + codes(r.path("code")) + " is not a therapy Ketamine CDS reads (SNOMED CT "
                                + "psychotherapy 75516001, cognitive behavioural therapy 304891004, counselling 409063005, or a "
                                + FhirCodes.LOCAL_THERAPY + " code): not used");
                return false;
            }
            JsonNode period = r.path("performedPeriod");
            if (r.has("performedString") || r.has("performedAge") || r.has("performedRange")) {
                issue(r, "performed time given as text or an age, not a date: therapy read without dates");
            }
            LocalDate start =
                    period.hasNonNull("start") ? date(period.get("start").asText()) : null;
            LocalDate last = period.hasNonNull("end")
                    ? date(period.get("end").asText())
                    : r.hasNonNull("performedDateTime")
                            ? date(r.get("performedDateTime").asText())
                            : start;
            therapy.add(new TherapyEngagement(
                    type, start, last, r.path("status").asText("").equals("in-progress")));
            return true;
        }

        boolean appointment(JsonNode r) {
            if (!r.hasNonNull("start")) {
                issue(r, "appointment without a start");
                return false;
            }
            Instant start = instant(r.get("start").asText());
            String status = r.path("status").asText("");
            boolean followUp = FhirCodes.FOLLOW_UP.equals(code(r.path("appointmentType"), FhirCodes.LOCAL_OBSERVATION))
                    || containsFollowUp(r.path("serviceType"))
                    || containsFollowUp(r.path("appointmentType"))
                    || r.path("description").asText("").toLowerCase(Locale.ROOT).contains("follow");
            if (start.isAfter(asOf.toInstant())
                    && (status.equals("booked") || status.equals("pending") || status.equals("proposed"))) {
                if (followUp) {
                    followUpAt = followUpAt == null || start.isBefore(followUpAt) ? start : followUpAt;
                } else {
                    nextSessionAt = nextSessionAt == null || start.isBefore(nextSessionAt) ? start : nextSessionAt;
                }
                return true;
            }
            if (!start.isAfter(asOf.toInstant())
                    && (status.equals("noshow") || status.equals("cancelled"))
                    && !followUp) {
                missed.add(new PriorSession(
                        start,
                        status.equals("noshow") ? Attendance.MISSED : Attendance.CANCELLED,
                        null,
                        null,
                        null,
                        null));
                return true;
            }
            issue(r, "appointment " + status + " at " + start + ": not used");
            return false;
        }

        boolean containsFollowUp(JsonNode concepts) {
            for (JsonNode c : concepts.isArray() ? concepts : List.of(concepts)) {
                String t = text(c);
                if (t != null && t.toLowerCase(Locale.ROOT).contains("follow")) {
                    return true;
                }
            }
            return false;
        }

        // ---- assembling ----

        /** Observations dated after asOf (clock skew, or wrong data) cannot be used; each is reported. */
        void dropFuture() {
            Instant now = asOf.toInstant();
            dropFuture(vitals, VitalSigns::at, "vital signs", now);
            dropFuture(sedation, SedationScore::at, "MOAA/S", now);
            dropFuture(dissociation, DissociationScore::at, "CADSS", now);
            dropFuture(experiences, ChallengingExperience::at, "challenging experience", now);
            dropFuture(assessments, Assessment::at, "assessment", now);
            experiences.replaceAll(e -> e.resolvedAt() != null && e.resolvedAt().isAfter(now)
                    ? new ChallengingExperience(e.type(), e.intensity(), e.at(), null)
                    : e);
            if (reconciledAt != null && reconciledAt.isAfter(now)) {
                issues.add(new FhirIssue(
                        "Observation", "medication reconciliation dated after asOf (" + reconciledAt + "); not used"));
                reconciledAt = null;
            }
            if (dischargeRequestedAt != null && dischargeRequestedAt.isAfter(now)) {
                issues.add(new FhirIssue("Observation", "discharge request dated after asOf; not used"));
                dischargeRequestedAt = null;
            }
            day.entrySet().removeIf(e -> {
                boolean future = e.getValue() instanceof Instant i && i.isAfter(now);
                if (future) {
                    issues.add(new FhirIssue("Observation", e.getKey() + " dated after asOf; not used"));
                }
                return future;
            });
        }

        <T> void dropFuture(List<T> list, java.util.function.Function<T, Instant> at, String what, Instant now) {
            list.removeIf(item -> {
                boolean future = at.apply(item).isAfter(now);
                if (future) {
                    issues.add(
                            new FhirIssue("Observation", what + " dated " + at.apply(item) + ", after asOf; not used"));
                }
                return future;
            });
        }

        /**
         * One PHQ-9 per time from its parts: all nine items (the total checked against their sum), else the total
         * with item 9 if sent, else item 9 alone (a suicide screen, not a score). Anything less is reported.
         */
        void finishPhq9() {
            for (Map.Entry<Instant, Phq9Parts> e : phq9.entrySet()) {
                Phq9Parts parts = e.getValue();
                long count = java.util.Arrays.stream(parts.items)
                        .filter(java.util.Objects::nonNull)
                        .count();
                Integer item9 = parts.items[8];
                try {
                    if (count == 9) {
                        int sum = java.util.Arrays.stream(parts.items)
                                .mapToInt(Integer::intValue)
                                .sum();
                        if (parts.total != null && parts.total != sum) {
                            issues.add(new FhirIssue(
                                    "Observation",
                                    "PHQ-9 at " + e.getKey() + ": total " + parts.total
                                            + " disagrees with the sum of its items (" + sum
                                            + "); the items are used"));
                        }
                        assessments.add(
                                new Assessment(Instrument.PHQ_9, e.getKey(), sum, List.of(parts.items), null, null));
                    } else if (parts.total != null) {
                        if (count > 0 && count < 9) {
                            issues.add(new FhirIssue(
                                    "Observation",
                                    "PHQ-9 at " + e.getKey() + ": " + count + " of 9 items; the total is used"
                                            + (item9 == null ? ", item 9 was not sent" : " with item 9")));
                        }
                        assessments.add(new Assessment(Instrument.PHQ_9, e.getKey(), parts.total, null, null, item9));
                    } else if (item9 != null) {
                        issues.add(new FhirIssue(
                                "Observation",
                                "PHQ-9 at " + e.getKey() + ": item 9 without a readable total"
                                        + (count > 1 ? " or all items" : "")
                                        + "; used as a suicide screen, not as a depression score"));
                        assessments.add(new Assessment(Instrument.PHQ_9, e.getKey(), null, null, null, item9));
                    } else {
                        notUsed(
                                parts,
                                "PHQ-9 at " + e.getKey() + ": " + count
                                        + " of 9 items, no total and no item 9; not used");
                    }
                } catch (InvalidFactException ex) {
                    notUsed(parts, "PHQ-9 at " + e.getKey() + " not used: " + ex.getMessage());
                }
            }
        }

        /** The parts of a PHQ-9 that could not be used: each source resource is reported, not counted as mapped. */
        void notUsed(Phq9Parts parts, String problem) {
            if (parts.sources.isEmpty()) {
                issues.add(new FhirIssue("Observation", problem));
            }
            for (String source : parts.sources) {
                mappedResources.remove(source);
                issues.add(new FhirIssue(source, problem));
            }
        }

        /**
         * Administrations of one product within an hour of the first are one session (esketamine is given as several
         * devices a few minutes apart): one administration at the first time, doses added when their units agree.
         */
        void groupAdministrations() {
            administrations.sort(Comparator.comparing(Administration::at));
            List<Administration> grouped = new ArrayList<>();
            for (Administration a : administrations) {
                Administration last = grouped.isEmpty() ? null : grouped.get(grouped.size() - 1);
                if (last != null
                        && last.product() == a.product()
                        && java.time.Duration.between(last.at(), a.at()).compareTo(java.time.Duration.ofMinutes(60))
                                < 0) {
                    SessionDose dose = last.dose() == null
                                    || a.dose() == null
                                    || last.dose().unit() != a.dose().unit()
                            ? null
                            : new SessionDose(
                                    last.dose().value() + a.dose().value(),
                                    a.dose().unit());
                    if (dose == null && (last.dose() != null || a.dose() != null)) {
                        issues.add(new FhirIssue(
                                a.label(),
                                "given within an hour of " + last.label()
                                        + " with a dose that cannot be added to it: the session's dose is not known"));
                    } else {
                        issues.add(new FhirIssue(
                                a.label(),
                                "given within an hour of " + last.label()
                                        + ": read as part of the same session, doses added"));
                    }
                    grouped.set(
                            grouped.size() - 1,
                            new Administration(
                                    last.at(),
                                    last.product(),
                                    last.route(),
                                    dose,
                                    last.phase() != null ? last.phase() : a.phase(),
                                    last.label()));
                } else {
                    grouped.add(a);
                }
            }
            administrations.clear();
            administrations.addAll(grouped);
        }

        Session session() {
            groupAdministrations();
            if (proposedStart() != null) {
                return proposedSession();
            }
            LocalDate today = asOf.toLocalDate();
            Administration current = null;
            for (Administration a : administrations) {
                if (a.at().atOffset(asOf.getOffset()).toLocalDate().equals(today)
                        && !a.at().isAfter(asOf.toInstant())) {
                    current = a;
                }
            }
            Product product;
            Route route;
            SessionDose dose;
            Phase phase;
            Instant doseAt = null;
            if (current != null) {
                product = current.product();
                route = current.route();
                dose = current.dose();
                phase = current.phase();
                doseAt = current.at();
            } else if (order != null) {
                product = order.product();
                route = order.route();
                dose = order.dose();
                phase = order.phase();
            } else {
                return null;
            }
            long priors = administrations.stream()
                            .filter(a -> a.at().isBefore(asOf.toInstant()))
                            .count()
                    - (current == null ? 0 : 1);
            if (phase == null) {
                phase = derivedPhase(product, current);
            }
            SessionDay sd = new SessionDay(
                    (Instant) day.get(FhirCodes.LAST_FOOD),
                    (Instant) day.get(FhirCodes.LAST_FLUIDS),
                    (Instant) day.get(FhirCodes.NASAL_PRODUCT),
                    (Boolean) day.get(FhirCodes.TRANSPORT),
                    (Boolean) day.get(FhirCodes.RESPONSIBLE_ADULT),
                    (Boolean) day.get(FhirCodes.PRESCRIBER_ON_SITE),
                    (Boolean) day.get(FhirCodes.OXIMETER_ON_SITE));
            return new Session((int) priors + 1, product, route, dose, phase, null, doseAt, dischargeRequestedAt, sd);
        }

        /** The proposed appointment as the session, continuing the latest administration's product and dose. */
        Session proposedSession() {
            Administration last = administrations.stream()
                    .filter(a -> a.at().isBefore(asOf.toInstant()))
                    .reduce((a, b) -> b)
                    .orElse(null);
            if (last == null) {
                issues.add(new FhirIssue(
                        "Appointment",
                        "proposed session without an earlier ketamine or "
                                + "esketamine administration: the product is unknown, so no session was formed"));
                return null;
            }
            long priors = administrations.stream()
                    .filter(a -> a.at().isBefore(asOf.toInstant()))
                    .count();
            Instant start = proposedStart();
            Phase p = last.phase() != null ? last.phase() : derivedPhaseAt(last.product(), start);
            return new Session(
                    (int) priors + 1,
                    last.product(),
                    last.route(),
                    last.dose(),
                    p,
                    start,
                    null,
                    null,
                    new SessionDay(null, null, null, null, null, null, null));
        }

        Phase derivedPhase(Product product, Administration current) {
            return derivedPhaseAt(product, current == null ? asOf.toInstant() : current.at());
        }

        /** Esketamine weeks 1-4 are induction, later maintenance (label schedule); racemic ketamine: induction. */
        Phase derivedPhaseAt(Product product, Instant reference) {
            if (product != Product.ESKETAMINE || administrations.isEmpty()) {
                return Phase.INDUCTION;
            }
            Instant first = administrations.get(0).at();
            return java.time.Duration.between(first, reference).toDays() >= 28 ? Phase.MAINTENANCE : Phase.INDUCTION;
        }

        /** The earliest proposed appointment's start, or null. */
        Instant proposedStart() {
            if (proposed == null || proposed.isNull()) {
                return null;
            }
            List<JsonNode> appointments = new ArrayList<>();
            if (proposed.path("resourceType").asText("").equals("Bundle")) {
                proposed.path("entry").forEach(e -> appointments.add(e.path("resource")));
            } else if (proposed.isArray()) {
                proposed.forEach(appointments::add);
            } else {
                appointments.add(proposed);
            }
            Instant earliest = null;
            for (JsonNode a : appointments) {
                if (a.hasNonNull("start")) {
                    Instant start;
                    try {
                        start = instant(a.get("start").asText());
                    } catch (DateTimeParseException | IllegalArgumentException e) {
                        continue; // the caller validates proposed appointments; an unreadable one is not a session
                    }
                    earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
                }
            }
            return earliest;
        }

        List<PriorSession> priorSessions() {
            List<PriorSession> prior = new ArrayList<>(missed);
            for (Administration a : administrations) {
                boolean isCurrent = proposedStart() == null
                        && a.at().atOffset(asOf.getOffset()).toLocalDate().equals(asOf.toLocalDate());
                if (a.at().isBefore(asOf.toInstant()) && !isCurrent) {
                    prior.add(new PriorSession(
                            a.at(), Attendance.COMPLETED, a.product(), a.route(), a.dose(), a.phase()));
                }
            }
            prior.sort(Comparator.comparing(PriorSession::at));
            return prior;
        }

        // ---- helpers ----

        void issue(JsonNode r, String problem) {
            issues.add(new FhirIssue(label(r), problem));
        }

        /** "Type/id", or the type alone for a resource without an id. */
        String label(JsonNode r) {
            String type = r.path("resourceType").asText("resource");
            return r.hasNonNull("id") ? type + "/" + r.get("id").asText() : type;
        }

        Instant effective(JsonNode r) {
            if (r.hasNonNull("effectiveDateTime")) {
                return instant(r.get("effectiveDateTime").asText());
            }
            if (r.path("effectivePeriod").hasNonNull("start")) {
                return instant(r.path("effectivePeriod").get("start").asText());
            }
            if (r.hasNonNull("effectiveInstant")) {
                return instant(r.get("effectiveInstant").asText());
            }
            return null;
        }

        /** Whether a resource's effective time is a date without a time of day. */
        boolean dateOnly(JsonNode r) {
            String t = r.hasNonNull("effectiveDateTime")
                    ? r.get("effectiveDateTime").asText()
                    : r.path("effectivePeriod").path("start").asText("");
            return t.length() == 10;
        }

        Instant requireTime(JsonNode r, Instant at) {
            if (at == null) {
                throw new IllegalArgumentException("no effectiveDateTime, effectivePeriod.start or effectiveInstant");
            }
            return at;
        }

        Instant valueInstant(JsonNode r, Instant at) {
            return r.hasNonNull("valueDateTime")
                    ? instant(r.get("valueDateTime").asText())
                    : requireTime(r, at);
        }

        Integer score(JsonNode r) {
            if (r.has("valueInteger")) {
                JsonNode v = r.get("valueInteger");
                if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                    throw new IllegalArgumentException("valueInteger must be a whole number, was " + v);
                }
                return v.intValue();
            }
            JsonNode q = r.path("valueQuantity");
            if (q.has("value")) {
                double v = number(q.get("value"), "valueQuantity.value");
                if (v != Math.rint(v)) {
                    throw new IllegalArgumentException("score must be a whole number, was " + v);
                }
                return (int) v;
            }
            if (r.hasNonNull("valueString")) {
                String text = r.get("valueString").asText().strip();
                if (!text.matches("\\d{1,3}")) {
                    throw new IllegalArgumentException("valueString '" + text + "' is not a whole-number score");
                }
                return Integer.parseInt(text);
            }
            if (r.has("valueCodeableConcept")) {
                Integer coded = codedScore(r.get("valueCodeableConcept").path("coding"));
                if (coded == null) {
                    throw new IllegalArgumentException("answer " + codes(r.get("valueCodeableConcept"))
                            + " is not a PHQ answer code (LA6568-5 to LA6571-9)");
                }
                return coded;
            }
            throw new IllegalArgumentException("no valueInteger, valueQuantity, valueString or answer code score");
        }

        /** The 0-3 score of a PHQ answer code (LOINC LA6568-5 ... LA6571-9) among codings, or null. */
        Integer codedScore(JsonNode codings) {
            for (JsonNode c : codings.isArray() ? codings : List.of(codings)) {
                String code = c.path("code").asText("");
                for (int i = 0; i < FhirCodes.PHQ9_ANSWERS.length; i++) {
                    if (FhirCodes.PHQ9_ANSWERS[i].equals(code)) {
                        return i;
                    }
                }
            }
            return null;
        }

        /** A JSON number, or an error naming the field (text, booleans and others are never read as numbers). */
        double number(JsonNode value, String field) {
            if (value == null || !value.isNumber()) {
                throw new IllegalArgumentException(
                        field + " must be a number, was " + (value == null ? "missing" : value));
            }
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(field + " must be a finite number");
            }
            return d;
        }

        /** A Quantity with a comparator ("<90") is a bound, not a measurement: read as its value, and said so. */
        void comparator(JsonNode quantity, JsonNode r) {
            if (quantity.hasNonNull("comparator")) {
                issue(
                        r,
                        "value " + quantity.get("comparator").asText()
                                + quantity.path("value").asText() + " is a bound, not a measurement: read as "
                                + quantity.path("value").asText());
            }
        }

        /**
         * A measured value of an Observation or component, decimals kept (a value is never rounded across a
         * threshold). A {@code dataAbsentReason} is reported as such; the unit is checked.
         */
        Double measured(JsonNode observationOrComponent, String unit) {
            JsonNode quantity = observationOrComponent.path("valueQuantity");
            if (!quantity.has("value")) {
                if (observationOrComponent.has("dataAbsentReason")) {
                    throw new IllegalArgumentException("no value: data absent ("
                            + observationOrComponent
                                    .path("dataAbsentReason")
                                    .path("coding")
                                    .path(0)
                                    .path("code")
                                    .asText("reason not given")
                            + ")");
                }
                throw new IllegalArgumentException("no valueQuantity.value");
            }
            number(quantity.get("value"), "valueQuantity.value");
            comparator(quantity, observationOrComponent);
            String code = quantity.path("code").asText(quantity.path("unit").asText(""));
            boolean ok = code.equals(unit)
                    || (unit.equals("mm[Hg]") && code.equals("mmHg"))
                    || (unit.equals("/min")
                            && (code.equals("beats/min")
                                    || code.equals("breaths/min")
                                    || code.equals("{beats}/min")
                                    || code.equals("{breaths}/min")));
            if (!ok) {
                throw new IllegalArgumentException("unit must be " + unit + ", was '" + code + "'");
            }
            return quantity.get("value").asDouble();
        }

        <E extends Enum<E>> E enumOf(Class<E> type, String code, String what) {
            if (code == null) {
                throw new IllegalArgumentException(what + " is missing");
            }
            try {
                return Enum.valueOf(type, code.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " '" + code + "' is not known");
            }
        }

        Instant instant(String text) {
            if (text.length() == 4 || text.length() == 7) {
                throw new IllegalArgumentException("time '" + text + "' is a partial date, not precise enough to use");
            }
            if (text.length() == 10) {
                return LocalDate.parse(text)
                        .atStartOfDay()
                        .atOffset(asOf.getOffset())
                        .toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        }

        LocalDate date(String text) {
            if (text.length() == 4 || text.length() == 7) {
                throw new IllegalArgumentException("date '" + text + "' is a partial date, not precise enough to use");
            }
            return text.length() == 10
                    ? LocalDate.parse(text)
                    : OffsetDateTime.parse(text)
                            .atZoneSameInstant(asOf.getOffset())
                            .toLocalDate();
        }

        /**
         * A FHIR date that may be partial ({@code 1981}, {@code 1987-02}, {@code 1987-02-14}, or a dateTime): a partial
         * one is read as its earliest day, or its latest with {@code latest}.
         */
        LocalDate partialDate(String text, boolean latest) {
            if (text.matches("\\d{4}")) {
                int year = Integer.parseInt(text);
                return latest ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 1, 1);
            }
            if (text.matches("\\d{4}-\\d{2}")) {
                java.time.YearMonth month = java.time.YearMonth.parse(text);
                return latest ? month.atEndOfMonth() : month.atDay(1);
            }
            return date(text);
        }
    }

    private record Administration(
            Instant at, Product product, Route route, SessionDose dose, Phase phase, String label) {}

    /** The parts of one PHQ-9 sent separately: items in questionnaire order, and the total. */
    private static final class Phq9Parts {
        final Integer[] items = new Integer[9];
        Integer total;
        /** The resources the parts came from, as "Type/id". */
        final List<String> sources = new ArrayList<>();
    }

    private record Order(Product product, Route route, SessionDose dose, Phase phase, String label) {}

    static Coding firstCoding(JsonNode concept, String... systems) {
        for (String system : systems) {
            for (JsonNode c : concept.path("coding")) {
                if (system.equals(c.path("system").asText()) && c.hasNonNull("code")) {
                    return new Coding(
                            system,
                            c.get("code").asText(),
                            c.hasNonNull("display") ? c.get("display").asText() : null);
                }
            }
        }
        return null;
    }

    static String code(JsonNode concept, String system) {
        Coding c = firstCoding(concept, system);
        return c == null ? null : c.code();
    }

    static String text(JsonNode concept) {
        if (concept.hasNonNull("text") && !concept.get("text").asText().isBlank()) {
            return concept.get("text").asText();
        }
        for (JsonNode c : concept.path("coding")) {
            if (c.hasNonNull("display") && !c.get("display").asText().isBlank()) {
                return c.get("display").asText();
            }
        }
        return null;
    }

    static String codes(JsonNode concept) {
        List<String> all = new ArrayList<>();
        for (JsonNode c : concept.path("coding")) {
            all.add(c.path("system").asText("?") + "|" + c.path("code").asText("?"));
        }
        return all.isEmpty() ? "(none)" : String.join(", ", all);
    }
}
