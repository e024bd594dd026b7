package org.ketaminecds.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.ketaminecds.fact.InvalidFactException;

/**
 * Jackson's errors in our words: the JSON path of the field, what is wrong with it, and never more of the offending
 * value than the message of a bad input needs. Not part of the public API.
 */
final class JsonErrors {
    private JsonErrors() {}

    static InvalidFactException translate(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : parserPath(e);
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof InvalidFactException invalid) {
            String field = invalid.path();
            String full = field.startsWith("$") ? field : path + (field.startsWith("[") ? "" : ".") + field;
            return new InvalidFactException(full, invalid.problem());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null
                    ? ""
                    : u.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", ", " (known fields: ", ")"));
            return new InvalidFactException(path, "unknown field '" + u.getPropertyName() + "'" + known);
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                    .map(c -> enumJsonName((Enum<?>) c))
                    .collect(Collectors.joining(", "));
            return new InvalidFactException(path, "'" + f.getValue() + "' is not one of: " + allowed);
        }
        if (e instanceof InvalidFormatException f
                && f.getOriginalMessage() != null
                && (f.getOriginalMessage().startsWith("'")
                        || f.getOriginalMessage().startsWith("year "))) {
            return new InvalidFactException(path, f.getOriginalMessage());
        }
        if (cause instanceof DateTimeParseException dt) {
            return new InvalidFactException(
                    path,
                    "'" + dt.getParsedString() + "' is not an ISO-8601 date or date-time "
                            + "(e.g. 2026-03-02 or 2026-03-02T09:00:00Z)");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String message = m.getOriginalMessage();
            if (message.startsWith("Missing required creator property")) {
                return new InvalidFactException(path, "is required but was missing");
            }
            String was = offending(m);
            if (message.startsWith("'") || message.startsWith("year ") || message.startsWith("expected ")) {
                return new InvalidFactException(path, firstLine(message));
            }
            return new InvalidFactException(
                    path, "expected " + describe(m.getTargetType()) + (was == null ? "" : ", was " + was));
        }
        return new InvalidFactException(path, firstLine(e.getOriginalMessage()) + location(e.getLocation()));
    }

    private static final java.util.regex.Pattern JACKSON_VALUE = java.util.regex.Pattern.compile(
            "(String|Integer|Floating-point|Boolean) value \\((\"[^\"]{0,40}\"?|[^)]{0,40})\\)|from String (\"[^\"]{0,40}\")");

    /** The JSON value Jackson stopped at, taken from its message; null when it does not say. */
    private static String offending(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = JACKSON_VALUE.matcher(message);
        if (!m.find()) {
            return null;
        }
        if (m.group(3) != null) {
            return "the string " + m.group(3);
        }
        return switch (m.group(1)) {
            case "String" -> "the string " + m.group(2);
            case "Boolean" -> m.group(2);
            default -> "the number " + m.group(2);
        };
    }

    private static String enumJsonName(Enum<?> constant) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty p = constant.getDeclaringClass()
                    .getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return p == null ? constant.name() : p.value();
        } catch (NoSuchFieldException ex) {
            return constant.name();
        }
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        String line = message.lines().findFirst().orElse(message);
        // Jackson names Java types in its messages; the caller knows JSON, not our classes.
        return line.replaceAll("`?(java\\.[a-z.]+|org\\.ketaminecds\\.[A-Za-z.]+)\\.([A-Za-z]+)`?", "$2");
    }

    private static String location(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** JSON path from Jackson's reference chain: $.medications.entries[2].status */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String parserPath(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                StringBuilder path = new StringBuilder("$");
                for (String part : pointer.substring(1).split("/")) {
                    path.append(part.chars().allMatch(Character::isDigit) ? "[" + part + "]" : "." + part);
                }
                return path.toString();
            }
        }
        return "$";
    }
}
