package org.ketaminecds.spi;

import java.util.Objects;

/**
 * Why a record is about ketamine, as a rule of the rules artifact concluded it: a session today (an administration, an
 * order being placed, a proposed session), a completed session on record, or a ketamine order the record holds that
 * could not be evaluated. A knowledge base with rules marked {@code @gate("ketamine-topic")} speaks only about records
 * for which one of them inserted a topic: otherwise the evaluation is silent (no card, nothing listed as not
 * evaluated), because a record that is not about ketamine has nothing for this decision support to say.
 *
 * @param basis one of {@link #SESSION_TODAY}, {@link #COURSE_ON_RECORD}, {@link #UNEVALUATED_ORDER}
 * @param reason the record's grounds, in words
 * @since 0.5.0
 */
public record KetamineTopic(String basis, String reason) {
    /** A ketamine or esketamine session today: dosed, being ordered, or proposed. */
    public static final String SESSION_TODAY = "session-today";
    /** A completed ketamine or esketamine session on record (a course), without one today. */
    public static final String COURSE_ON_RECORD = "course-on-record";
    /** A ketamine or esketamine order (or an order that may be one) that the record holds but could not be evaluated. */
    public static final String UNEVALUATED_ORDER = "unevaluated-order";
    /** A knowledge base without topic rules (a topic alone, a benchmark base): every record is evaluated. */
    public static final String ASSUMED = "assumed";

    public KetamineTopic {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
    }
}
