package org.ketaminecds.fact;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Argument checks for the compact constructors of the fact and policy records. Each failure names the field,
 * the value and the allowed range, Jackson-style, so a message read out of context still says what to change.
 * Not part of the public API.
 */
public final class Checks {
    private Checks() {}

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidFactException(field, "is required but was missing");
        }
        return value;
    }

    public static String requiredText(String field, String value) {
        required(field, value);
        if (value.isBlank()) {
            throw new InvalidFactException(field, "must not be blank");
        }
        return value;
    }

    /** A text that may be absent; when present it must not be blank. */
    public static String optionalText(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidFactException(field, "must not be blank when present (omit it instead)");
        }
        return value;
    }

    public static Integer range(String field, Integer value, int min, int max, String unit) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidFactException(
                    field, "must be between " + min + " and " + max + unit(unit) + ", was " + value);
        }
        return value;
    }

    public static Double range(String field, Double value, double min, double max, String unit) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new InvalidFactException(
                    field,
                    "must be between " + plain(min) + " and " + plain(max) + unit(unit) + ", was "
                            + (value.isNaN() ? "NaN" : plain(value)));
        }
        return value;
    }

    /** Requires a strictly positive value no larger than {@code max}. */
    public static double positive(String field, double value, double max, String unit) {
        if (Double.isNaN(value) || value <= 0 || value > max) {
            throw new InvalidFactException(
                    field, "must be greater than 0 and at most " + plain(max) + unit(unit) + ", was " + value);
        }
        return value;
    }

    /** Copies a list that may be absent (absent = empty) and rejects null elements. */
    public static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidFactException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }

    public static void notAfter(String field, Instant value, String otherField, Instant other) {
        if (value != null && other != null && value.isAfter(other)) {
            throw new InvalidFactException(field, "must not be after " + otherField + " (" + other + "), was " + value);
        }
    }

    public static void atLeastOne(String fields, Object... values) {
        if (Objects.isNull(values) || java.util.Arrays.stream(values).allMatch(Objects::isNull)) {
            throw new InvalidFactException(fields, "at least one of them is required, all were missing");
        }
    }

    private static String unit(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
