package org.ketaminecds.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Strict readers for the three time types of the session JSON. A timestamp is a string
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)} (seconds and an offset required); a date is a string
 * {@code yyyy-MM-dd}; both between {@value #MIN_YEAR} and {@value #MAX_YEAR}. Numbers (read by Jackson as epoch
 * times), digit strings, partial dates, years such as 0000 or +10000 and a fraction without digits are errors: a
 * value of a health record outside these years is a typing or unit error, not a fact to reason on.
 */
final class StrictTimeDeserializers {
    /** Earliest year accepted in any date or timestamp. */
    static final int MIN_YEAR = 1900;
    /** Latest year accepted in any date or timestamp. */
    static final int MAX_YEAR = 2100;

    private StrictTimeDeserializers() {}

    static final class OffsetDateTimeReader extends StdScalarDeserializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        OffsetDateTimeReader() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return offsetDateTime(p, ctxt, OffsetDateTime.class);
        }
    }

    static final class LocalDateReader extends StdScalarDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;

        LocalDateReader() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = text(p, ctxt, LocalDate.class, "a date yyyy-mm-dd");
            if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                int year = FastInstantDeserializer.digits(s, 0, 4);
                int month = FastInstantDeserializer.digits(s, 5, 2);
                int day = FastInstantDeserializer.digits(s, 8, 2);
                if ((year | month | day) >= 0) {
                    try {
                        LocalDate date = LocalDate.of(year, month, day);
                        checkYear(p, ctxt, year, LocalDate.class);
                        return date;
                    } catch (DateTimeException e) {
                        // falls through to the error below
                    }
                }
            }
            throw InvalidFormatException.from(
                    p, "'" + s + "' is not a date yyyy-mm-dd (e.g. 2026-03-02)", s, LocalDate.class);
        }
    }

    static OffsetDateTime offsetDateTime(JsonParser p, DeserializationContext ctxt, Class<?> type) throws IOException {
        String s = text(p, ctxt, type, "an ISO-8601 date-time with seconds and an offset");
        OffsetDateTime parsed = FastInstantDeserializer.parseOffsetDateTime(s);
        if (parsed == null) {
            throw InvalidFormatException.from(
                    p,
                    "'" + s + "' is not an ISO-8601 date-time with seconds and an offset "
                            + "(e.g. 2026-03-02T09:00:00Z or 2026-03-02T09:00:00-05:00)",
                    s,
                    type);
        }
        checkYear(p, ctxt, parsed.getYear(), type);
        return parsed;
    }

    private static String text(JsonParser p, DeserializationContext ctxt, Class<?> type, String expected)
            throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw MismatchedInputException.from(p, type, "expected " + expected + " as a string, was " + p.getText());
        }
        return p.getText();
    }

    private static void checkYear(JsonParser p, DeserializationContext ctxt, int year, Class<?> type)
            throws IOException {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw InvalidFormatException.from(
                    p,
                    "year " + year + " in '" + p.getText() + "' is outside " + MIN_YEAR + "-" + MAX_YEAR,
                    p.getText(),
                    type);
        }
    }
}
