package org.ketaminecds.worklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A seeded generator of synthetic ketamine-course Bulk Data exports (Synthea does not model ketamine courses), for
 * tests and benchmarks. Each patient follows one course pattern, named in its id ({@code syn-000042-relapse}):
 * <ul>
 *   <li>{@code induction}: esketamine twice weekly, improving;</li>
 *   <li>{@code relapse}: a responding IV ketamine series that ended 5 to 12 days ago with nothing booked (the
 *   relapse window);</li>
 *   <li>{@code overdue}: esketamine maintenance whose last session was 3 to 5 weeks ago;</li>
 *   <li>{@code rising}: esketamine induction with scores rising by a third;</li>
 *   <li>{@code suicidality}: PHQ-9 item 9 scored above 0 at the last assessment;</li>
 *   <li>{@code incomplete}: sessions but no rating at all and no birth date.</li>
 * </ul>
 * Each administration carries the site's phase extension ({@code urn:ketaminecds:extension:phase}).
 * Co-medications come from the drug-class table (and one name it does not know); half the patients have therapy.
 * Files: {@code Patient.ndjson}, {@code Condition.ndjson}, {@code MedicationRequest.ndjson}, the administrations
 * split over {@code MedicationAdministration_1.ndjson} and {@code MedicationAdministration_2.ndjson.gz} (one
 * patient's sessions in both), {@code Observation.ndjson.gz}, {@code Procedure.ndjson}. Same seed, same bytes.
 */
public final class SyntheticExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The course patterns, in the order patients cycle through them. */
    public static final List<String> PATTERNS =
            List.of("induction", "relapse", "overdue", "rising", "suicidality", "incomplete");

    /** The system of the generated medical record numbers (SYN0000001...), each also typed MR. */
    public static final String MRN_SYSTEM = "urn:example:ketamine-cds:mrn";

    private static final List<String> GIVEN = List.of("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus");

    private static final String[] CO_MEDICATIONS = {
        "sertraline 100 mg tablet",
        "bupropion XL 300 mg",
        "lorazepam 1 mg",
        "alprazolam 0.5 mg",
        "tramadol 50 mg",
        "oxycodone 5 mg",
        "lamotrigine 100 mg",
        "lithium carbonate 300 mg",
        "levothyroxine 50 mcg",
        "amlodipine 5 mg",
        "metoprolol succinate 50 mg",
        "gabapentin 300 mg",
        "quetiapine 50 mg",
        "zolpidem 10 mg",
        "Zyxorin 10 mg daily"
    };
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String LOINC = "http://loinc.org";

    private SyntheticExport() {}

    /** Writes an export of {@code patients} patients for a review at {@code asOf}. */
    public static void generate(Path dir, int patients, long seed, OffsetDateTime asOf) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        try (Writer patient = plain(dir.resolve("Patient.ndjson"));
                Writer condition = plain(dir.resolve("Condition.ndjson"));
                Writer request = plain(dir.resolve("MedicationRequest.ndjson"));
                Writer admin1 = plain(dir.resolve("MedicationAdministration_1.ndjson"));
                Writer admin2 = gzip(dir.resolve("MedicationAdministration_2.ndjson.gz"));
                Writer observation = gzip(dir.resolve("Observation.ndjson.gz"));
                Writer procedure = plain(dir.resolve("Procedure.ndjson"))) {
            Instant now = asOf.toInstant();
            for (int i = 0; i < patients; i++) {
                String pattern = PATTERNS.get(i % PATTERNS.size());
                String id = String.format(java.util.Locale.ROOT, "syn-%06d-%s", i, pattern);
                String ref = "Patient/" + id;
                ObjectNode p = JSON.createObjectNode()
                        .put("resourceType", "Patient")
                        .put("id", id)
                        .put("gender", random.nextBoolean() ? "female" : "male");
                // Identity a worklist shows (no random draw, so every other field stays what the seed gave before).
                ObjectNode name =
                        p.putArray("name").addObject().put("use", "official").put("family", "Synthetic");
                name.putArray("given").add(GIVEN.get(i % GIVEN.size())).add(pattern);
                ObjectNode mrn = p.putArray("identifier").addObject().put("use", "usual");
                mrn.putObject("type")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://terminology.hl7.org/CodeSystem/v2-0203")
                        .put("code", "MR");
                mrn.put("system", MRN_SYSTEM).put("value", String.format(java.util.Locale.ROOT, "SYN%07d", i));
                if (!pattern.equals("incomplete")) {
                    p.put(
                            "birthDate",
                            LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28))
                                    .toString());
                }
                line(patient, p);
                line(
                        condition,
                        condition(
                                id + "-c1",
                                ref,
                                "http://snomed.info/sct",
                                "1153570009",
                                "Treatment resistant depression"));
                int meds = random.nextInt(4);
                for (int m = 0; m < meds; m++) {
                    ObjectNode mr = JSON.createObjectNode()
                            .put("resourceType", "MedicationRequest")
                            .put("id", id + "-m" + m)
                            .put("status", "active")
                            .put("intent", "order");
                    mr.putObject("medicationCodeableConcept")
                            .put("text", CO_MEDICATIONS[random.nextInt(CO_MEDICATIONS.length)]);
                    mr.putObject("subject").put("reference", ref);
                    mr.put(
                            "authoredOn",
                            asOf.toLocalDate()
                                    .minusDays(30 + random.nextInt(300))
                                    .toString());
                    line(request, mr);
                }
                boolean iv = pattern.equals("relapse");
                int sessions;
                Duration gap;
                Instant last;
                switch (pattern) {
                    case "relapse" -> {
                        sessions = 6;
                        gap = Duration.ofDays(2);
                        last = now.minus(Duration.ofDays(5 + random.nextInt(8)));
                    }
                    case "overdue" -> {
                        sessions = 12;
                        gap = Duration.ofDays(7);
                        last = now.minus(Duration.ofDays(21 + random.nextInt(14)));
                    }
                    default -> {
                        sessions = 3 + random.nextInt(3);
                        gap = Duration.ofDays(3);
                        last = now.minus(Duration.ofDays(1 + random.nextInt(2)));
                    }
                }
                Instant first = last.minus(gap.multipliedBy(sessions - 1));
                int baseline = 16 + random.nextInt(8);
                for (int s = 0; s < sessions; s++) {
                    Instant at = first.plus(gap.multipliedBy(s)).plusSeconds(random.nextInt(3600));
                    ObjectNode ma = JSON.createObjectNode()
                            .put("resourceType", "MedicationAdministration")
                            .put("id", id + "-a" + s)
                            .put("status", "completed");
                    ObjectNode coding = ma.putObject("medicationCodeableConcept")
                            .putArray("coding")
                            .addObject()
                            .put("system", RXNORM);
                    ObjectNode dosage = ma.putObject("dosage");
                    if (iv) {
                        coding.put("code", "6130").put("display", "ketamine");
                        dosage.putObject("route")
                                .putArray("coding")
                                .addObject()
                                .put("system", "http://snomed.info/sct")
                                .put("code", "47625008");
                        dosage.putObject("dose")
                                .put("value", 0.5)
                                .put("unit", "mg/kg")
                                .put("system", "http://unitsofmeasure.org")
                                .put("code", "mg/kg");
                    } else {
                        coding.put("code", "2201625").put("display", "esketamine Nasal Spray [Spravato]");
                        dosage.putObject("route")
                                .putArray("coding")
                                .addObject()
                                .put("system", "http://snomed.info/sct")
                                .put("code", "46713006");
                        dosage.putObject("dose")
                                .put("value", s < 1 ? 56 : 84)
                                .put("unit", "mg")
                                .put("system", "http://unitsofmeasure.org")
                                .put("code", "mg");
                    }
                    ma.putArray("extension")
                            .addObject()
                            .put("url", "urn:ketaminecds:extension:phase")
                            .put("valueCode", pattern.equals("overdue") && s >= 8 ? "maintenance" : "induction");
                    ma.putObject("subject").put("reference", ref);
                    ma.put("effectiveDateTime", at.toString());
                    line(s % 2 == 0 ? admin1 : admin2, ma);
                    if (!pattern.equals("incomplete")) {
                        double fraction = switch (pattern) {
                            case "rising" -> 1 + 0.34 * s / Math.max(1, sessions - 1);
                            case "relapse", "overdue" -> 1 - 0.65 * s / Math.max(1, sessions - 1);
                            default -> 1 - 0.3 * s / Math.max(1, sessions - 1);
                        };
                        int total = (int) Math.min(27, Math.round(baseline * fraction));
                        Instant rated = at.minusSeconds(1800);
                        line(observation, phq9(id + "-q" + s, ref, rated, total));
                        int item9 = pattern.equals("suicidality") && s == sessions - 1 ? 2 : 0;
                        line(observation, item9(id + "-i" + s, ref, rated, item9));
                    }
                }
                if (random.nextBoolean()) {
                    ObjectNode pr = JSON.createObjectNode()
                            .put("resourceType", "Procedure")
                            .put("id", id + "-t")
                            .put("status", "in-progress");
                    pr.putObject("code")
                            .putArray("coding")
                            .addObject()
                            .put("system", "http://snomed.info/sct")
                            .put("code", "75516001")
                            .put("display", "Psychotherapy");
                    pr.putObject("subject").put("reference", ref);
                    pr.putObject("performedPeriod")
                            .put("start", first.minus(Duration.ofDays(60)).toString());
                    line(procedure, pr);
                }
            }
        }
    }

    private static ObjectNode condition(String id, String ref, String system, String code, String display) {
        ObjectNode c = JSON.createObjectNode().put("resourceType", "Condition").put("id", id);
        c.putObject("clinicalStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", "active");
        c.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", code)
                .put("display", display);
        c.putObject("subject").put("reference", ref);
        return c;
    }

    private static ObjectNode phq9(String id, String ref, Instant at, int total) {
        ObjectNode o = observation(id, ref, at, "44261-6", "PHQ-9 total score");
        o.put("valueInteger", total);
        return o;
    }

    private static ObjectNode item9(String id, String ref, Instant at, int value) {
        ObjectNode o = observation(id, ref, at, "44260-8", "Thoughts that you would be better off dead");
        o.put("valueInteger", value);
        return o;
    }

    private static ObjectNode observation(String id, String ref, Instant at, String loinc, String display) {
        ObjectNode o = JSON.createObjectNode()
                .put("resourceType", "Observation")
                .put("id", id)
                .put("status", "final");
        ArrayNode category = o.putArray("category");
        category.addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", "survey");
        o.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", LOINC)
                .put("code", loinc)
                .put("display", display);
        o.putObject("subject").put("reference", ref);
        o.put("effectiveDateTime", at.toString());
        return o;
    }

    private static void line(Writer w, ObjectNode resource) throws IOException {
        w.write(JSON.writeValueAsString(resource));
        w.write('\n');
    }

    private static Writer plain(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static Writer gzip(Path file) throws IOException {
        return new BufferedWriter(
                new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8),
                1 << 16);
    }
}
