package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.ketaminecds.spi.MedicationVocabulary;

/**
 * Everything a mapper may use during one read: the evaluation instant, the medication vocabulary and code table, the
 * index of the input's resources, the report and the draft of facts. Not thread-safe; one per read.
 */
final class ReadContext {
    final OffsetDateTime asOf;
    final ZoneOffset offset;
    final MedicationVocabulary vocabulary;
    final ObservationCodes codes;
    final ResourceIndex index;
    final Report report;
    final RecordDraft draft = new RecordDraft();

    ReadContext(OffsetDateTime asOf, MedicationVocabulary vocabulary, ObservationCodes codes, Report report) {
        this.asOf = asOf;
        this.offset = asOf.getOffset();
        this.vocabulary = vocabulary;
        this.codes = codes;
        this.report = report;
        this.index = new ResourceIndex(report);
    }

    /** Reports a problem with a resource. */
    void issue(JsonNode resource, String problem) {
        report.issue(resource, problem);
    }

    /** An instant in the clinic's offset (a date alone is the start of that day). */
    Instant instant(String text) {
        return Values.instant(text, offset);
    }

    /** A date in the clinic's calendar. */
    LocalDate date(String text) {
        return Values.date(text, offset);
    }

    /** Whether an instant lies after {@code asOf}. */
    boolean afterAsOf(Instant at) {
        return at.isAfter(asOf.toInstant());
    }
}
