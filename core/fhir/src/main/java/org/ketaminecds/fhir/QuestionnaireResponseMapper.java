package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ketaminecds.fact.CodeSystems;

/**
 * QuestionnaireResponse for the PHQ-9: recognised by its questionnaire (the LOINC panel, or "phq-9"/"phq9" in the
 * canonical, as the US Core example has it) or by at least five PHQ-9 items; its answers and total go to the
 * {@link Phq9Assembler}. An item 9 answer that cannot be scored is said to be unread.
 */
final class QuestionnaireResponseMapper implements ResourceMapper {
    /** PHQ-9 items a response must carry to be recognised by its items alone. */
    private static final int ITEMS_TO_RECOGNISE = 5;

    @Override
    public Set<String> types() {
        return Set.of("QuestionnaireResponse");
    }

    @Override
    public boolean map(JsonNode r, ReadContext read) {
        ObservationCodes codes = read.codes;
        String panel = codes.codeOf(ObservationCodes.Reads.PHQ9_PANEL);
        String totalCode = codes.codeOf(ObservationCodes.Reads.PHQ9_TOTAL);
        if (!isPhq9(r, codes, panel)) {
            read.issue(
                    r,
                    "questionnaire " + r.path("questionnaire").asText("(none)") + " is not the PHQ-9 (panel " + panel
                            + ", or PHQ-9 item linkIds): not used");
            return false;
        }
        String status = r.path("status").asText("");
        if (!status.equals("completed") && !status.equals("amended")) {
            read.issue(r, "status " + status + ": only completed or amended PHQ-9 responses are used");
            return false;
        }
        Instant at = read.instant(r.path("authored").asText());
        String source = Values.label(r);
        read.draft.phq9.total(at, null, source);
        for (JsonNode item : flatten(r.path("item"))) {
            String link = item.path("linkId").asText("").replace("/", "");
            String coded = Values.code(item, CodeSystems.LOINC);
            int index = codes.phq9Item(link) >= 0 ? codes.phq9Item(link) : codes.phq9Item(coded);
            JsonNode answer = item.path("answer").path(0);
            if (index >= 0) {
                Integer score = Scores.ofAnswer(answer);
                if (score == null && !answer.isMissingNode()) {
                    read.issue(
                            r,
                            "PHQ-9 item " + (index + 1) + " (" + codes.phq9ItemCode(index) + ") has an answer that "
                                    + "cannot be scored (no LOINC answer code, integer or ordinalValue)"
                                    + (index == 8 ? ": the suicide screen question was NOT read" : ""));
                }
                read.draft.phq9.item(at, index, score, source);
            }
            if (link.equals(totalCode) || totalCode.equals(coded)) {
                double value = answer.has("valueInteger")
                        ? answer.get("valueInteger").asDouble()
                        : answer.path("valueDecimal").asDouble(Double.NaN);
                if (value == Math.rint(value) && value >= 0) {
                    read.draft.phq9.total(at, (int) value, source);
                } else {
                    read.issue(r, "PHQ-9 total answer is not a whole number: not used");
                }
            }
        }
        return true;
    }

    private static boolean isPhq9(JsonNode r, ObservationCodes codes, String panel) {
        String canonical = r.path("questionnaire").asText("").toLowerCase(Locale.ROOT);
        if (canonical.contains(panel) || canonical.contains("phq-9") || canonical.contains("phq9")) {
            return true;
        }
        int items = 0;
        for (JsonNode item : flatten(r.path("item"))) {
            String link = item.path("linkId").asText("").replace("/", "");
            if (codes.phq9Item(link) >= 0 || codes.phq9Item(Values.code(item, CodeSystems.LOINC)) >= 0) {
                items++;
            }
        }
        return items >= ITEMS_TO_RECOGNISE;
    }

    private static List<JsonNode> flatten(JsonNode items) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode i : items) {
            all.add(i);
            all.addAll(flatten(i.path("item")));
        }
        return all;
    }
}
