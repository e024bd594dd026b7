package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.hooks.ReportPublisher;
import org.ketaminecds.json.CdsJson;

/**
 * Linked reports are weighed by what they keep alive: a record of 1,500 unrecognised medicines with 4,000-character
 * names (6 MB) is not kept for a report link, so that such calls cannot fill the heap; an ordinary record is.
 */
class CourseReportsTest {
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static SessionContext context(int medicines, int nameLength) {
        StringBuilder meds = new StringBuilder();
        for (int i = 0; i < medicines; i++) {
            meds.append(i == 0 ? "" : ",")
                    .append("{\"text\": \"")
                    .append(Integer.toString(i, 36))
                    .append("x".repeat(nameLength))
                    .append("\", \"status\": \"active\"}");
        }
        return CdsJson.readContext("""
                {"asOf": "2026-03-20T10:00:00Z", "patient": {"id": "pt-1", "ageYears": 40, "sex": "female"},
                 "priorSessions": [{"at": "2026-03-02T14:30:00Z", "product": "esketamine", "phase": "induction"}],
                 "medications": {"entries": [%s]}}""".formatted(meds));
    }

    @Test
    void aReportThatWouldHoldMegabytes_isNotPublished_andAnOrdinaryOneIs() {
        CourseReports reports =
                new CourseReports("https://cds.example.org", ENGINE, Duration.ofMinutes(15), System::nanoTime);
        SessionContext huge = context(1_500, 4_000);
        for (int i = 0; i < 40; i++) {
            assertThatThrownBy(() -> reports.publish("ketamine-course-overview", huge, ENGINE.evaluate(huge)))
                    .isInstanceOf(ReportPublisher.Unavailable.class)
                    .hasMessage("the record is too large for a linked report");
        }
        assertThat(reports.refused()).isEqualTo(40);
        SessionContext ordinary = context(8, 20);
        String url = reports.publish("ketamine-course-overview", ordinary, ENGINE.evaluate(ordinary));
        assertThat(url).startsWith("https://cds.example.org/reports/");
        assertThat(reports.page(url.substring(url.lastIndexOf('/') + 1))).contains("<!DOCTYPE html>");
    }
}
