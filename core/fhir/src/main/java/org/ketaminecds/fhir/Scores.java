package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Scores of rating scales as FHIR sends them: whole numbers (valueInteger, valueQuantity, valueString), LOINC PHQ
 * answer codes, or codings that carry their score in the ordinalValue (R4) or itemWeight (R5) extension. Never
 * coerced: a fraction, text or a code without a score is an error naming the field. Stateless.
 */
final class Scores {
    private Scores() {}

    /** The score of an Observation or component value. */
    static Integer of(JsonNode r) {
        if (r.has("valueInteger")) {
            JsonNode v = r.get("valueInteger");
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException("valueInteger must be a whole number, was " + v);
            }
            return v.intValue();
        }
        JsonNode q = r.path("valueQuantity");
        if (q.has("value")) {
            double v = Values.number(q.get("value"), "valueQuantity.value");
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
            Integer coded = coded(r.get("valueCodeableConcept").path("coding"));
            if (coded == null) {
                throw new IllegalArgumentException("answer " + Values.codes(r.get("valueCodeableConcept"))
                        + " is not a PHQ answer code (LA6568-5 to LA6571-9)");
            }
            return coded;
        }
        throw new IllegalArgumentException("no valueInteger, valueQuantity, valueString or answer code score");
    }

    /** The 0-3 score of a PHQ answer code (LOINC LA6568-5 ... LA6571-9) among codings, or null. */
    static Integer coded(JsonNode codings) {
        for (JsonNode c : Values.each(codings)) {
            String code = c.path("code").asText("");
            for (int i = 0; i < FhirCodes.PHQ9_ANSWERS.size(); i++) {
                if (FhirCodes.PHQ9_ANSWERS.get(i).equals(code)) {
                    return i;
                }
            }
        }
        return null;
    }

    /**
     * The score of a questionnaire answer: an integer, a LOINC PHQ answer code, or a coding with the score in the
     * standard ordinalValue (R4) or itemWeight (R5) extension; null if none.
     */
    static Integer ofAnswer(JsonNode answer) {
        if (answer.has("valueInteger") && answer.get("valueInteger").canConvertToInt()) {
            return answer.get("valueInteger").intValue();
        }
        Integer coded = coded(answer.path("valueCoding"));
        if (coded != null) {
            return coded;
        }
        for (JsonNode ext : answer.path("valueCoding").path("extension")) {
            String url = ext.path("url").asText("");
            if (url.endsWith("/ordinalValue") || url.endsWith("/itemWeight") || url.endsWith("/iso21090-CO-value")) {
                JsonNode v = ext.path("valueDecimal");
                if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())) {
                    return v.intValue();
                }
            }
        }
        return null;
    }
}
