package org.ketaminecds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.CodeSystems;
import org.ketaminecds.fhir.ObservationCodes.Code;
import org.ketaminecds.fhir.ObservationCodes.Reads;

/** The observation code table: every row is read, every unit it accepts converts, every evidence row exists. */
class ObservationCodesTest {
    private static final ObservationCodes CODES = ObservationCodes.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final FhirReader READER = new FhirReader(org.ketaminecds.knowledge.DrugTable.bundled());
    private static final Path EVIDENCE = Path.of("../../seeds/evidence.yaml");

    /** The module README's observation-code table, between its markers, is the code table (one source of truth). */
    @Test
    void theReadmeTable_isTheCodeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String start = "<!-- observation-codes:start -->\n";
        String end = "<!-- observation-codes:end -->";
        String documented = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(documented)
                .as("core/fhir/README.md observation-code table; paste this between the markers:%n%s", readmeTable())
                .isEqualTo(readmeTable());
    }

    /** The code table as markdown, one row per code. */
    static String readmeTable() {
        StringBuilder md = new StringBuilder(
                "| System | Code | Read as | Units (the facts' first) | Time | Evidence | What it is |\n"
                        + "|---|---|---|---|---|---|---|\n");
        for (Code row : CODES.all()) {
            md.append("| ")
                    .append(row.system().equals(FhirCodes.LOCAL_OBSERVATION) ? "local" : "LOINC")
                    .append(" | `")
                    .append(row.code())
                    .append("` | ")
                    .append(row.reads()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-'))
                    .append(row.item() >= 0 ? " " + (row.item() + 1) : "")
                    .append(" | ")
                    .append(
                            row.units().isEmpty()
                                    ? "-"
                                    : String.join(", ", row.units()).replace("[", "\\["))
                    .append(" | ")
                    .append(row.timeOfDay() ? "time of day" : "date")
                    .append(" | ")
                    .append(row.evidence() == null ? "-" : row.evidence())
                    .append(" | ")
                    .append(row.name())
                    .append(" |\n");
        }
        return md.toString();
    }

    @Test
    void everyEvidenceId_isARowOfTheEvidenceTable() throws IOException {
        Set<String> ids = new TreeSet<>();
        Matcher m = Pattern.compile("- id: (E-[A-Z0-9-]+)").matcher(Files.readString(EVIDENCE));
        while (m.find()) {
            ids.add(m.group(1));
        }
        for (Code row : CODES.all()) {
            if (row.evidence() != null) {
                assertThat(ids).as(row.code()).contains(row.evidence());
            } else {
                assertThat(row.system())
                        .as(row.code() + ": only local codes have no evidence row")
                        .isEqualTo(FhirCodes.LOCAL_OBSERVATION);
            }
        }
    }

    @Test
    void everyBodyWeightUnit_converts() {
        Code weight = CODES.all().stream()
                .filter(c -> c.reads() == Reads.BODY_WEIGHT)
                .findFirst()
                .orElseThrow();
        for (String unit : weight.units()) {
            double grams = switch (unit) {
                case "g" -> 70_000;
                case "[lb_av]", "lb" -> 154.32358;
                default -> 70;
            };
            FhirReadResult r = READER.read(patientWith(observation(weight, unit, grams)), AS_OF);
            assertThat(r.context().patient().weightKg())
                    .as(unit)
                    .isCloseTo(70.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }

    @Test
    void everyRow_isRead_orReportedAsNotScored() {
        int read = 0;
        for (Code row : CODES.all()) {
            ObjectNode obs =
                    observation(row, row.units().isEmpty() ? null : row.units().get(0), value(row.reads()));
            ArrayNode input = patientWith(obs);
            if (row.reads() == Reads.PHQ9_ITEM && row.item() < 8) {
                // An item other than item 9 is read as part of a PHQ-9 with its total (alone it is reported).
                Code totalRow = CODES.all().stream()
                        .filter(c -> c.reads() == Reads.PHQ9_TOTAL)
                        .findFirst()
                        .orElseThrow();
                input.add(observation(totalRow, null, 9).put("id", "o2"));
            }
            FhirReadResult r = READER.read(input, AS_OF);
            boolean mapped = r.mappedResources().contains("Observation/o1");
            if (row.reads() == Reads.NOT_SCORED) {
                assertThat(mapped).as(row.code()).isFalse();
            } else {
                assertThat(mapped).as(row.code() + ": " + r.issues()).isTrue();
                read++;
            }
        }
        assertThat(read).isEqualTo(CODES.all().size() - 1);
    }

    @Test
    void theSearchTokens_listEveryCode() {
        String tokens = FhirReader.observationCodes();
        for (Code row : CODES.all()) {
            assertThat(tokens).contains(row.system() + "%7C" + row.code());
        }
        assertThat(tokens).doesNotContain("|", " ");
    }

    private static double value(Reads reads) {
        return switch (reads) {
            case SYSTOLIC, BLOOD_PRESSURE_PANEL -> 120;
            case DIASTOLIC -> 80;
            case HEART_RATE -> 70;
            case SPO2 -> 97;
            case RESPIRATORY_RATE -> 14;
            case BODY_WEIGHT -> 70;
            case MOAAS -> 5;
            default -> 3;
        };
    }

    private static ObjectNode observation(Code row, String unit, double value) {
        ObjectNode o = JSON.createObjectNode()
                .put("resourceType", "Observation")
                .put("id", "o1")
                .put("status", "final")
                .put("effectiveDateTime", "2026-03-12T14:00:00Z");
        o.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", row.system())
                .put("code", row.code());
        o.putObject("subject").put("reference", "Patient/p1");
        switch (row.reads()) {
            case BLOOD_PRESSURE_PANEL -> {
                ArrayNode components = o.putArray("component");
                for (String[] part : new String[][] {{"8480-6", "120"}, {"8462-4", "80"}}) {
                    ObjectNode c = components.addObject();
                    c.putObject("code")
                            .putArray("coding")
                            .addObject()
                            .put("system", CodeSystems.LOINC)
                            .put("code", part[0]);
                    c.putObject("valueQuantity")
                            .put("value", Double.parseDouble(part[1]))
                            .put("code", "mm[Hg]");
                }
            }
            case PHQ9_PANEL -> {
                ObjectNode c = o.putArray("component").addObject();
                c.putObject("code")
                        .putArray("coding")
                        .addObject()
                        .put("system", CodeSystems.LOINC)
                        .put("code", "44261-6");
                c.put("valueInteger", 9);
            }
            case PREGNANCY_STATUS ->
                o.putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("system", CodeSystems.SNOMED_CT)
                        .put("code", FhirCodes.SCT_NOT_PREGNANT);
            case CSSRS_RISK -> o.putObject("valueCodeableConcept").put("text", "Low risk");
            case CSSRS_PANEL -> {
                ObjectNode c = o.putArray("component").addObject();
                c.putObject("code")
                        .putArray("coding")
                        .addObject()
                        .put("system", CodeSystems.LOINC)
                        .put("code", "93374-7");
                c.putObject("valueCodeableConcept").put("text", "Low risk");
            }
            case LAST_FOOD, LAST_FLUIDS, NASAL_PRODUCT, DISCHARGE_REQUESTED ->
                o.put("valueDateTime", "2026-03-12T12:00:00Z");
            case TRANSPORT_ARRANGED, RESPONSIBLE_ADULT, PRESCRIBER_ON_SITE, PULSE_OXIMETER_ON_SITE ->
                o.put("valueBoolean", true);
            case MEDICATION_RECONCILIATION -> {
                // the effective time is the value
            }
            case CHALLENGING_EXPERIENCE -> {
                o.putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("code", "anxiety");
                ObjectNode c = o.putArray("component").addObject();
                c.putObject("code")
                        .putArray("coding")
                        .addObject()
                        .put("system", FhirCodes.LOCAL_OBSERVATION)
                        .put("code", FhirCodes.INTENSITY);
                c.putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("code", "mild");
            }
            default -> {
                if (unit != null) {
                    o.putObject("valueQuantity").put("value", value).put("code", unit);
                } else {
                    o.put("valueInteger", (int) value);
                }
            }
        }
        return o;
    }

    private static ArrayNode patientWith(ObjectNode observation) {
        ArrayNode input = JSON.createArrayNode();
        input.addObject().put("resourceType", "Patient").put("id", "p1");
        input.add(observation);
        return input;
    }
}
