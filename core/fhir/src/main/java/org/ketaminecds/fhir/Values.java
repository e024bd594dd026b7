package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ketaminecds.fact.Coding;

/**
 * Reading FHIR values: codings and text of a CodeableConcept, dates and instants (partial ones named as such), strict
 * numbers, and a resource's label. Each method either returns what the value says or throws an
 * {@link IllegalArgumentException} naming the field; none coerces. Stateless.
 */
final class Values {
    private Values() {}

    /** The first coding of a concept in the first of {@code systems} that has one, or null. */
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

    /** The code of the first coding of a concept in {@code system}, or null. */
    static String code(JsonNode concept, String system) {
        Coding c = firstCoding(concept, system);
        return c == null ? null : c.code();
    }

    /** Whether any coding of a concept has this code. */
    static boolean hasCode(JsonNode concept, String code) {
        for (JsonNode c : concept.path("coding")) {
            if (code.equals(c.path("code").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** A concept in words: its text, else the first coding's display; null if neither. */
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

    /** The codings of a concept as "system|code" for an issue, or "(none)". */
    static String codes(JsonNode concept) {
        List<String> all = new ArrayList<>();
        for (JsonNode c : concept.path("coding")) {
            all.add(c.path("system").asText("?") + "|" + c.path("code").asText("?"));
        }
        return all.isEmpty() ? "(none)" : String.join(", ", all);
    }

    /** "Type/id", or the type alone for a resource without an id. */
    static String label(JsonNode r) {
        String type = r.path("resourceType").asText("resource");
        return r.hasNonNull("id") ? type + "/" + r.get("id").asText() : type;
    }

    /** An element's first code (e.g. a status's coding), or null. */
    static String firstCode(JsonNode concept) {
        return concept.path("coding").path(0).path("code").asText(null);
    }

    /**
     * An instant: a dateTime with an offset, or a date (read as the start of that day at {@code offset}). A year or a
     * month alone is too vague and is refused.
     */
    static Instant instant(String text, ZoneOffset offset) {
        if (text.length() == 4 || text.length() == 7) {
            throw new IllegalArgumentException("time '" + text + "' is a partial date, not precise enough to use");
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay().atOffset(offset).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** A date: a date, or a dateTime's date at {@code offset}. A year or a month alone is refused. */
    static LocalDate date(String text, ZoneOffset offset) {
        if (text.length() == 4 || text.length() == 7) {
            throw new IllegalArgumentException("date '" + text + "' is a partial date, not precise enough to use");
        }
        return text.length() == 10
                ? LocalDate.parse(text)
                : OffsetDateTime.parse(text).atZoneSameInstant(offset).toLocalDate();
    }

    /**
     * A FHIR date that may be partial ({@code 1981}, {@code 1987-02}, {@code 1987-02-14}, or a dateTime): a partial one
     * is read as its earliest day, or its latest with {@code latest}.
     */
    static LocalDate partialDate(String text, boolean latest, ZoneOffset offset) {
        if (text.matches("\\d{4}")) {
            int year = Integer.parseInt(text);
            return latest ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 1, 1);
        }
        if (text.matches("\\d{4}-\\d{2}")) {
            YearMonth month = YearMonth.parse(text);
            return latest ? month.atEndOfMonth() : month.atDay(1);
        }
        return date(text, offset);
    }

    /** Whether a FHIR date or dateTime text is partial (a year or a year and month). */
    static boolean partial(String text) {
        return text.length() < 10;
    }

    /** An Observation's (or administration's) effective time: dateTime, period start or instant; null if none. */
    static Instant effective(JsonNode r, ZoneOffset offset) {
        if (r.hasNonNull("effectiveDateTime")) {
            return instant(r.get("effectiveDateTime").asText(), offset);
        }
        if (r.path("effectivePeriod").hasNonNull("start")) {
            return instant(r.path("effectivePeriod").get("start").asText(), offset);
        }
        if (r.hasNonNull("effectiveInstant")) {
            return instant(r.get("effectiveInstant").asText(), offset);
        }
        return null;
    }

    /** Whether a resource's effective time is a date without a time of day. */
    static boolean dateOnly(JsonNode r) {
        String t = r.hasNonNull("effectiveDateTime")
                ? r.get("effectiveDateTime").asText()
                : r.path("effectivePeriod").path("start").asText("");
        return t.length() == 10;
    }

    /** A JSON number, or an error naming the field (text, booleans and others are never read as numbers). */
    static double number(JsonNode value, String field) {
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, was " + (value == null ? "missing" : value));
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(field + " must be a finite number");
        }
        return d;
    }

    /** The constant of {@code type} a FHIR code names ("in-progress" is IN_PROGRESS), or an error naming it. */
    static <E extends Enum<E>> E enumOf(Class<E> type, String code, String what) {
        if (code == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Enum.valueOf(type, code.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + code + "' is not known");
        }
    }

    /** The elements of a concept or an array of concepts. */
    static Iterable<JsonNode> each(JsonNode conceptOrArray) {
        return conceptOrArray.isArray() ? conceptOrArray : List.of(conceptOrArray);
    }

    /** Whether a text, lower-cased, contains a word. Null texts contain nothing. */
    static boolean says(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }
}
