package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ketaminecds.fact.CodeSystems;

/**
 * The observation codes the reader reads, from {@value #RESOURCE}: which code (LOINC or local) becomes which fact,
 * the units a quantity may carry, and whether the value needs a time of day. Loaded once; immutable.
 */
final class ObservationCodes {
    static final String RESOURCE = "org/ketaminecds/fhir/observation-codes.tsv";

    /** What an observation's value becomes. */
    enum Reads {
        BLOOD_PRESSURE_PANEL,
        SYSTOLIC,
        DIASTOLIC,
        HEART_RATE,
        SPO2,
        RESPIRATORY_RATE,
        BODY_WEIGHT,
        PHQ9_PANEL,
        PHQ9_TOTAL,
        PHQ9_ITEM,
        NOT_SCORED,
        PREGNANCY_STATUS,
        GAD7_TOTAL,
        CSSRS_PANEL,
        CSSRS_RISK,
        MADRS_TOTAL,
        QIDS_SR16_TOTAL,
        CADSS_TOTAL,
        MOAAS,
        LAST_FOOD,
        LAST_FLUIDS,
        NASAL_PRODUCT,
        TRANSPORT_ARRANGED,
        RESPONSIBLE_ADULT,
        PRESCRIBER_ON_SITE,
        PULSE_OXIMETER_ON_SITE,
        DISCHARGE_REQUESTED,
        MEDICATION_RECONCILIATION,
        CHALLENGING_EXPERIENCE
    }

    /**
     * One row.
     *
     * @param system the code system URI
     * @param code the code
     * @param reads what the value becomes
     * @param item the PHQ-9 item index (0-8) for {@link Reads#PHQ9_ITEM}, else -1
     * @param units accepted units, the facts' unit first; empty when the value is not a quantity
     * @param timeOfDay whether a date alone is not enough
     * @param evidence the evidence-table row, or null for a local code
     * @param name what it is, in words
     */
    record Code(
            String system,
            String code,
            Reads reads,
            int item,
            List<String> units,
            boolean timeOfDay,
            String evidence,
            String name) {
        Code {
            units = List.copyOf(units);
        }
    }

    private static final ObservationCodes BUNDLED = load();

    private final Map<String, Code> bySystemAndCode;
    private final Code[] phq9Items = new Code[9];

    private ObservationCodes(List<Code> rows) {
        Map<String, Code> map = new LinkedHashMap<>();
        for (Code row : rows) {
            if (map.put(row.system() + '|' + row.code(), row) != null) {
                throw new IllegalStateException(RESOURCE + ": " + row.code() + " is listed twice");
            }
            if (row.reads() == Reads.PHQ9_ITEM) {
                phq9Items[row.item()] = row;
            }
        }
        for (int i = 0; i < 9; i++) {
            if (phq9Items[i] == null) {
                throw new IllegalStateException(RESOURCE + ": PHQ-9 item " + (i + 1) + " has no code");
            }
        }
        this.bySystemAndCode = map;
    }

    /** The bundled table. */
    static ObservationCodes bundled() {
        return BUNDLED;
    }

    /** Every row, in file order. */
    List<Code> all() {
        return List.copyOf(bySystemAndCode.values());
    }

    /** The row of the first coding of a concept the table knows (LOINC before local), or null. */
    Code of(JsonNode concept) {
        for (String system : List.of(CodeSystems.LOINC, FhirCodes.LOCAL_OBSERVATION)) {
            for (JsonNode c : concept.path("coding")) {
                if (system.equals(c.path("system").asText())) {
                    Code row = bySystemAndCode.get(system + '|' + c.path("code").asText());
                    if (row != null) {
                        return row;
                    }
                }
            }
        }
        return null;
    }

    /** The PHQ-9 item index (0-8) of a LOINC code or a questionnaire linkId, or -1. */
    int phq9Item(String code) {
        if (code == null) {
            return -1;
        }
        for (int i = 0; i < 9; i++) {
            if (phq9Items[i].code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /** The LOINC code of PHQ-9 item {@code index} (0-8). */
    String phq9ItemCode(int index) {
        return phq9Items[index].code();
    }

    /** The code a row reads as {@code reads} (the first such row), for messages and templates. */
    String codeOf(Reads reads) {
        for (Code row : bySystemAndCode.values()) {
            if (row.reads() == reads) {
                return row.code();
            }
        }
        throw new IllegalArgumentException("no code reads as " + reads);
    }

    /**
     * Every code of the table as a FHIR token list for a {@code code} search parameter, {@code system|code} joined by
     * commas, with {@code |} percent-encoded so the query is a valid URI.
     */
    String searchTokens() {
        return String.join(
                ",",
                bySystemAndCode.values().stream()
                        .map(c -> c.system() + "%7C" + c.code())
                        .toList());
    }

    /** Parses the table (tab-separated, {@code #} comments). */
    static ObservationCodes parse(InputStream in) throws IOException {
        List<Code> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 7) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": 7 columns expected, found " + cols.length);
            }
            String system = switch (cols[0]) {
                case "loinc" -> CodeSystems.LOINC;
                case "local" -> FhirCodes.LOCAL_OBSERVATION;
                default ->
                    throw new IllegalStateException(
                            RESOURCE + " line " + n + ": system must be loinc or local, was " + cols[0]);
            };
            String reads = cols[2];
            int item = -1;
            if (reads.startsWith("phq9-item-")) {
                item = Integer.parseInt(reads.substring("phq9-item-".length())) - 1;
                reads = "phq9-item";
            }
            Reads target;
            try {
                target = Reads.valueOf(reads.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": unknown target " + cols[2], e);
            }
            if (!cols[4].equals("time-of-day") && !cols[4].equals("date")) {
                throw new IllegalStateException(RESOURCE + " line " + n + ": time must be time-of-day or date");
            }
            rows.add(new Code(
                    system,
                    cols[1],
                    target,
                    item,
                    cols[3].equals("-") ? List.of() : List.of(cols[3].split(",")),
                    cols[4].equals("time-of-day"),
                    cols[5].equals("-") ? null : cols[5],
                    cols[6]));
        }
        return new ObservationCodes(rows);
    }

    private static ObservationCodes load() {
        try (InputStream in = ObservationCodes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
