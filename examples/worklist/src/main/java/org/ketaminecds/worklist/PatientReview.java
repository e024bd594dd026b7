package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.NotEvaluated;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.fhir.FhirIssue;
import org.ketaminecds.fhir.FhirReadResult;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.hooks.CdsService;
import org.ketaminecds.hooks.CdsServices;

/**
 * The course review of one patient from their Bulk Data resources: the FHIR reader builds the context, the engine
 * evaluates it, and the cards of the course-overview service (the topics a between-session review shows) make the
 * patient's worklist row. Used by the embedded job and, unchanged, by the Spark job. Thread-safe.
 */
public final class PatientReview {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bulk Data resource types and the prefetch key the FHIR reader files them under. */
    static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("Patient", "patient"),
            Map.entry("Condition", "conditions"),
            Map.entry("AllergyIntolerance", "allergies"),
            Map.entry("MedicationRequest", "medicationRequests"),
            Map.entry("MedicationStatement", "medicationStatements"),
            Map.entry("MedicationAdministration", "administrations"),
            Map.entry("Observation", "observations"),
            Map.entry("QuestionnaireResponse", "questionnaireResponses"),
            Map.entry("Appointment", "appointments"),
            Map.entry("Procedure", "procedures"),
            Map.entry("Medication", "medications"));

    /**
     * The settings of a review, so that each JVM (each Spark executor) can build the same one.
     *
     * @param asOf the review instant
     * @param policyFile a site policy file, or null
     * @param knowledgeBase a knowledge base name, or null
     * @param cohort patient ids the site names as its cohort (reviewed even without a course on record); empty for
     *     none
     * @param limits the bounds on what the run reads (null: {@link ReadLimits#DEFAULTS})
     * @param mrnSystem the identifier system of the site's medical record number, or null (then the first usual or
     *     official identifier, else the first typed MR)
     */
    public record Settings(
            OffsetDateTime asOf,
            String policyFile,
            String knowledgeBase,
            Set<String> cohort,
            ReadLimits limits,
            String mrnSystem)
            implements Serializable {
        public Settings {
            cohort = cohort == null ? Set.of() : Set.copyOf(cohort);
            limits = limits == null ? ReadLimits.DEFAULTS : limits;
        }

        /** Settings without a named cohort, with the default limits: the patients with a ketamine or esketamine course. */
        public Settings(OffsetDateTime asOf, String policyFile, String knowledgeBase) {
            this(asOf, policyFile, knowledgeBase, Set.of(), null, null);
        }
    }

    /** Receives the course report of each listed patient (the embedded job writes it next to the worklist page). */
    @FunctionalInterface
    public interface ReportSink {
        void write(String patientId, String html) throws java.io.IOException;
    }

    /**
     * Why a patient is, or is not, one the worklist is about: a ketamine or esketamine course on record (the engine's
     * one definition, rules SYS-010 to SYS-012), named by the site, neither (counted, not listed, no reading issues
     * written), or deceased (counted, not listed).
     */
    public enum Cohort {
        COURSE,
        NAMED,
        OUTSIDE,
        DECEASED
    }

    /**
     * One patient's outcome: the worklist row (null when there is no card) and the reading issues (null when there
     * are none), each as one line of JSON, and whether the patient belongs to the worklist's cohort.
     */
    public record Result(String patientId, Indicator urgency, String row, String issues, Cohort cohort)
            implements Serializable {
        /** A result of a patient in the cohort (a course on record). */
        public Result(String patientId, Indicator urgency, String row, String issues) {
            this(patientId, urgency, row, issues, Cohort.COURSE);
        }
    }

    private static final java.util.Comparator<JsonNode> CANONICAL = java.util.Comparator.comparing(
                    (JsonNode r) -> r.path("resourceType").asText())
            .thenComparing(r -> r.path("id").asText())
            .thenComparing(JsonNode::toString);

    private final CdsEngine engine;
    private final FhirReader reader;
    private final CdsService overview;
    private final OffsetDateTime asOf;
    private final Set<String> namedCohort;
    private final String mrnSystem;

    public PatientReview(CdsEngine engine, OffsetDateTime asOf) {
        this(engine, asOf, Set.of(), null);
    }

    /**
     * A review that also lists the patients the site names, with or without a course on record.
     *
     * @param engine the engine
     * @param asOf the review instant
     * @param namedCohort the site's patient ids
     * @param mrnSystem see {@link Settings#mrnSystem()}
     */
    public PatientReview(CdsEngine engine, OffsetDateTime asOf, Set<String> namedCohort, String mrnSystem) {
        this.namedCohort = Set.copyOf(namedCohort);
        this.mrnSystem = mrnSystem;
        this.engine = engine;
        this.reader = new FhirReader(engine.medications());
        this.overview = CdsServices.standard().stream()
                .filter(s -> s.id().equals("ketamine-course-overview"))
                .findFirst()
                .orElseThrow();
        this.asOf = asOf;
    }

    /** A review with the engine the settings describe (policy file, knowledge base). */
    public static PatientReview of(Settings settings) {
        try {
            CdsEngine.Builder b =
                    CdsEngine.builder().sessionPool(Runtime.getRuntime().availableProcessors());
            if (settings.policyFile() != null) {
                b.policy(org.ketaminecds.json.PolicyFile.read(java.nio.file.Path.of(settings.policyFile()))
                        .policy());
            }
            if (settings.knowledgeBase() != null) {
                b.knowledgeBase(settings.knowledgeBase());
            }
            return new PatientReview(b.build(), settings.asOf(), settings.cohort(), settings.mrnSystem());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reviews one patient.
     *
     * @param resources the patient's resources (any order)
     * @param typesInExport the resource types the export holds (a type the export lacks is missing data, not absence)
     * @param medications the export's Medication resources by id (shared by all patients)
     */
    public Result review(
            String patientId,
            Collection<JsonNode> resources,
            Set<String> typesInExport,
            Map<String, JsonNode> medications) {
        try {
            return review(patientId, resources, typesInExport, medications, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // no sink, no I/O
        }
    }

    /**
     * Reviews one patient and, when the patient is listed, hands their course report to {@code reports}.
     *
     * @param reports where the listed patient's course report goes, or null for none
     * @throws java.io.IOException if the sink cannot write the report
     */
    public Result review(
            String patientId,
            Collection<JsonNode> resources,
            Set<String> typesInExport,
            Map<String, JsonNode> medications,
            ReportSink reports)
            throws java.io.IOException {
        if (deceased(resources)) {
            return new Result(patientId, null, null, null, Cohort.DECEASED);
        }
        ObjectNode input = JSON.createObjectNode();
        for (String type : typesInExport) {
            String key = KEYS.get(type);
            if (key != null && !type.equals("Medication") && !type.equals("Patient")) {
                input.putArray(key);
            }
        }
        Set<String> referenced = new TreeSet<>();
        // In a canonical order (type, id), so that the result does not depend on how the export split its files or
        // how a distributed job grouped them.
        List<JsonNode> ordered = new ArrayList<>(resources);
        ordered.sort(CANONICAL);
        for (JsonNode r : ordered) {
            String type = r.path("resourceType").asText();
            String key = KEYS.getOrDefault(type, "other");
            (input.has(key) && input.get(key).isArray() ? (ArrayNode) input.get(key) : input.putArray(key)).add(r);
            String ref = r.path("medicationReference").path("reference").asText("");
            if (ref.startsWith("Medication/")) {
                referenced.add(ref.substring("Medication/".length()));
            }
        }
        for (String id : referenced) {
            JsonNode m = medications.get(id);
            if (m != null) {
                (input.has("medications") ? (ArrayNode) input.get("medications") : input.putArray("medications"))
                        .add(m);
            }
        }
        FhirReadResult read;
        try {
            read = reader.read(input, asOf);
        } catch (InvalidFactException e) {
            ObjectNode issues = JSON.createObjectNode().put("patient", patientId);
            issues.putArray("issues")
                    .addObject()
                    .put("resource", "Patient")
                    .put("problem", "the record could not be read, so nothing was checked: " + e.getMessage());
            return new Result(patientId, null, null, issues.toString());
        }
        Evaluation evaluation = engine.evaluate(read.context(), read.notEvaluated(), overview::shows);
        Cohort cohort = namedCohort.contains(patientId)
                ? Cohort.NAMED
                : evaluation.aboutKetamine() ? Cohort.COURSE : Cohort.OUTSIDE;
        if (cohort == Cohort.OUTSIDE) {
            return new Result(patientId, null, null, null, cohort); // counted; their reading issues are not ours
        }
        List<Card> cards = new ArrayList<>();
        for (Card c : evaluation.cards()) {
            cards.add(c);
        }
        String issues = null;
        if (!read.issues().isEmpty()) {
            ObjectNode i = JSON.createObjectNode().put("patient", patientId);
            ArrayNode list = i.putArray("issues");
            for (FhirIssue issue : read.issues()) {
                list.addObject().put("resource", issue.resource()).put("problem", issue.problem());
            }
            issues = i.toString();
        }
        if (cards.isEmpty()) {
            return new Result(patientId, null, null, issues, cohort);
        }
        Indicator urgency =
                cards.stream().map(Card::indicator).max(Enum::compareTo).orElseThrow();
        ObjectNode row = JSON.createObjectNode().put("patient", patientId);
        RowFacts.identity(
                row,
                resources.stream()
                        .filter(r -> r.path("resourceType").asText().equals("Patient"))
                        .findFirst()
                        .orElse(null),
                mrnSystem);
        row.put("urgency", urgency.code())
                .put("status", evaluation.status().name().toLowerCase(java.util.Locale.ROOT));
        RowFacts.findings(row, cards);
        RowFacts.course(row, read.context(), engine.policy());
        ArrayNode rules = row.putArray("rules");
        ArrayNode out = row.putArray("cards");
        for (Card c : cards) {
            rules.add(c.ruleId());
            ObjectNode card = out.addObject()
                    .put("ruleId", c.ruleId())
                    .put("indicator", c.indicator().code())
                    .put("summary", c.summary());
            ArrayNode facts = card.putArray("facts");
            c.explanation().facts().forEach(facts::add);
        }
        if (!evaluation.notEvaluated().isEmpty()) {
            ArrayNode ne = row.putArray("notEvaluated");
            for (NotEvaluated n : evaluation.notEvaluated()) {
                ne.addObject().put("check", n.check()).put("reason", n.reason());
            }
        }
        row.put("ruleSetVersion", evaluation.ruleSetVersion())
                .put("policyHash", evaluation.policyHash())
                .put("asOf", asOf.toString());
        if (reports != null) {
            reports.write(patientId, org.ketaminecds.report.CourseReport.html(engine, read.context(), evaluation));
        }
        return new Result(patientId, urgency, row.toString(), issues, cohort);
    }

    /** Whether the export's Patient resource says the patient has died ({@code deceasedBoolean} or a date). */
    private static boolean deceased(Collection<JsonNode> resources) {
        for (JsonNode r : resources) {
            if (r.path("resourceType").asText().equals("Patient")
                    && (r.path("deceasedBoolean").asBoolean(false) || r.hasNonNull("deceasedDateTime"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The CSV line of a row (columns: {@link #CSV_HEADER}), RFC 4180 quoting: who, what to do first, what else, the
     * course (last and next session, latest score), then the detail (status, rule ids, every summary and its facts).
     */
    public static String csv(String rowJson) {
        try {
            JsonNode row = JSON.readTree(rowJson);
            List<String> rules = new ArrayList<>();
            List<String> summaries = new ArrayList<>();
            List<String> facts = new ArrayList<>();
            for (JsonNode c : row.path("cards")) {
                rules.add(c.path("ruleId").asText());
                summaries.add(
                        c.path("ruleId").asText() + ": " + c.path("summary").asText());
                c.path("facts").forEach(f -> facts.add(f.asText()));
            }
            JsonNode headline = row.path("headline");
            return String.join(
                    ",",
                    quote(row.path("patient").asText()),
                    quote(row.path("name").asText()),
                    quote(row.path("birthDate").asText()),
                    quote(row.path("mrn").asText()),
                    quote(row.path("urgency").asText()),
                    quote(headline.path("summary").asText()),
                    quote(headline.path("action").asText()),
                    quote(org.ketaminecds.report.WorklistPage.othersText(row.path("others"))),
                    quote(row.path("lastSession").asText()),
                    quote(row.path("nextSession").asText()),
                    quote(org.ketaminecds.report.WorklistPage.scoreText(row.path("latestScore"))),
                    quote(row.path("status").asText()),
                    quote(String.join(" ", rules)),
                    quote(String.join(" | ", summaries)),
                    quote(String.join(" | ", facts)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The CSV header. */
    public static final String CSV_HEADER = "patient,name,birth_date,mrn,urgency,headline,action,other_findings,"
            + "last_session,next_session,latest_score,status,rule_ids,summaries,facts";

    /**
     * One CSV cell, quoted. A cell that starts with a character a spreadsheet reads as a formula ({@code = + - @}, tab
     * or carriage return) is prefixed with an apostrophe, so that a name in the record cannot run as a formula on the
     * clinic's machine (OWASP, "CSV injection"); bidirectional and zero-width characters are removed.
     */
    static String quote(String value) {
        StringBuilder cell = new StringBuilder(value.length() + 3).append('"');
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            cell.append('\'');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                cell.append("\"\"");
            } else if (c == '\r' || c == '\n') {
                cell.append(' ');
            } else if (!org.ketaminecds.report.CourseReport.invisible(c)) {
                cell.append(c);
            }
        }
        return cell.append('"').toString();
    }
}
