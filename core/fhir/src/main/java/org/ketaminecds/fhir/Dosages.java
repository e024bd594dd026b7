package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ketaminecds.fact.DoseUnit;
import org.ketaminecds.fact.Numbers;
import org.ketaminecds.fact.Product;
import org.ketaminecds.fact.Quantity;
import org.ketaminecds.fact.Route;
import org.ketaminecds.fact.SessionDose;

/**
 * Reading FHIR Dosage: a co-medication's dose and frequency in words, "as needed" however it is said, a ketamine
 * dose (mg or mg/kg), and the route (coded, in words, or from the product's dose form). Every reading that changes
 * what was sent is reported. Stateless.
 */
final class Dosages {
    /** "as needed", "as-needed", "PRN", "p.r.n." as words of a dosage text. */
    private static final Pattern AS_NEEDED_WORDS =
            Pattern.compile("\\b(as[ -]needed|p\\.?r\\.?n\\.?)(?![a-z])", Pattern.CASE_INSENSITIVE);
    /** Dose forms taken by mouth (a troche or lozenge is held in the mouth and largely swallowed). */
    private static final Pattern ORAL_FORM = Pattern.compile(
            "troche|lozenge|tablet|capsule|oral|sublingual|buccal|syrup|rapid dissolv|\\bodt\\b",
            Pattern.CASE_INSENSITIVE);

    private Dosages() {}

    /**
     * Whether a dosage says the medicine is taken as needed: {@code asNeededBoolean} (R4), {@code asNeeded} (R5), an
     * {@code asNeededCodeableConcept} or {@code asNeededFor} (a reason implies as needed), or its text says so.
     */
    static boolean asNeeded(JsonNode dosage) {
        return dosage.path("asNeededBoolean").asBoolean(false)
                || dosage.has("asNeededCodeableConcept")
                || dosage.path("asNeeded").asBoolean(false)
                || dosage.has("asNeededFor")
                || (dosage.hasNonNull("text")
                        && AS_NEEDED_WORDS.matcher(dosage.get("text").asText()).find());
    }

    /**
     * A co-medication's dose: {@code doseQuantity} with its unit (a value without a unit is kept, marked so), or the
     * top of a {@code doseRange}; each reading that changes what was sent is reported.
     */
    static Quantity dose(JsonNode doseAndRate, JsonNode r, ReadContext read) {
        JsonNode q = doseAndRate.path("doseQuantity");
        if (q.has("value")) {
            String unit = q.hasNonNull("unit")
                    ? q.get("unit").asText()
                    : q.path("code").asText("");
            if (unit.isBlank()) {
                read.issue(r, "dose " + q.get("value").asText() + " has no unit: kept as 'unit not recorded'");
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
            read.issue(
                    r,
                    "dose range " + range.path("low").path("value").asText("?") + "-"
                            + high.get("value").asText() + " " + unit + ": the top of the range is shown");
            return new Quantity(high.get("value").asDouble(), unit);
        }
        return null;
    }

    /** A dosage in words: its text, else its timing, else its dose; null if none. */
    static String text(JsonNode dosage) {
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
    static String frequency(JsonNode timing) {
        String coded = Values.text(timing.path("code"));
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

    /** A ketamine dose (mg or mg/kg); any other unit is an error naming it. */
    static SessionDose sessionDose(JsonNode q) {
        if (!q.has("value")) {
            return null;
        }
        String unit = q.path("code").asText(q.path("unit").asText(""));
        double value = Values.number(q.get("value"), "dose value");
        return switch (unit) {
            case "mg" -> new SessionDose(value, DoseUnit.MG);
            case "mg/kg" -> new SessionDose(value, DoseUnit.MG_PER_KG);
            default -> throw new IllegalArgumentException("dose unit must be mg or mg/kg, was '" + unit + "'");
        };
    }

    /** The dose of a ketamine order's dosage: doseQuantity, or the top of a doseRange with an issue. */
    static SessionDose orderDose(JsonNode doseAndRate, JsonNode r, ReadContext read) {
        if (doseAndRate.has("doseQuantity")) {
            return sessionDose(doseAndRate.get("doseQuantity"));
        }
        JsonNode high = doseAndRate.path("doseRange").path("high");
        if (high.has("value")) {
            read.issue(
                    r,
                    "ketamine dose range "
                            + doseAndRate
                                    .path("doseRange")
                                    .path("low")
                                    .path("value")
                                    .asText("?") + "-" + high.get("value").asText()
                            + ": the top of the range is checked");
            return sessionDose(high);
        }
        if (doseAndRate.has("rateQuantity")) {
            read.issue(r, "an infusion rate without a total dose: the dose is not known");
        }
        return null;
    }

    /**
     * The route: SNOMED CT coded, else in words, else from the product's dose form (a troche or an oral solution is
     * taken by mouth); esketamine is intranasal; racemic ketamine with nothing to tell is read as intravenous, said so.
     */
    static Route route(JsonNode route, Product product, String form, JsonNode r, ReadContext read) {
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
        String t = Values.text(route);
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
            if (l.contains("oral") || l.contains("mouth") || l.contains("sublingual") || l.contains("buccal")) {
                return Route.ORAL;
            }
        }
        if (product == Product.ESKETAMINE) {
            return Route.INTRANASAL;
        }
        if (form != null && ORAL_FORM.matcher(form).find()) {
            read.issue(r, "no route given: the dose form '" + form + "' is taken by mouth, read as oral");
            return Route.ORAL;
        }
        read.issue(r, "no recognisable route for racemic ketamine: intravenous assumed");
        return Route.INTRAVENOUS;
    }
}
