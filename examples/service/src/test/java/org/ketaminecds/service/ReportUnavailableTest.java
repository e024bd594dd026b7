package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.HookResponse;
import org.ketaminecds.hooks.ReportPublisher;

/**
 * When a course report is offered but not for this call, the course-overview cards still go out, complete, and say in
 * words that the report is unavailable and why; when none is offered they say nothing about it.
 */
class ReportUnavailableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CdsEngine ENGINE = CdsEngine.create();

    private static JsonNode cards(ReportPublisher reports) throws Exception {
        CdsHooksHandler handler = CdsHooksHandler.builder(ENGINE)
                .clock(ServiceFixtures.CLOCK)
                .reports(reports)
                .build();
        HookResponse r =
                handler.invoke("ketamine-course-overview", JSON.writeValueAsString(ServiceTestSupport.courseRequest()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode cards = JSON.readTree(r.body()).path("cards");
        assertThat(cards.size()).isPositive();
        return cards;
    }

    @Test
    void aRefusedReport_isSaidOnEachCard_andTheCardsGoOut() throws Exception {
        JsonNode cards = cards((service, context, evaluation) -> {
            throw new ReportPublisher.Unavailable("the service is short of memory");
        });
        for (JsonNode c : cards) {
            assertThat(c.path("detail").asText())
                    .endsWith("*No course report for this view: the service is short of memory. These cards are "
                            + "complete without it.*");
            assertThat(c.path("links").toString()).doesNotContain("/reports/");
        }
    }

    @Test
    void aPublisherThatFails_isSaidOnEachCard_too() throws Exception {
        JsonNode cards = cards((service, context, evaluation) -> {
            throw new IllegalStateException("disk full");
        });
        assertThat(cards.get(0).path("detail").asText())
                .contains("No course report for this view: it could not be prepared.")
                .doesNotContain("disk full");
    }

    @Test
    void aPublishedReport_isLinked_andNoReportOffered_isSilent() throws Exception {
        JsonNode linked = cards((service, context, evaluation) -> "https://cds.example.org/reports/abc");
        JsonNode none = cards(ReportPublisher.NONE);
        assertThat(linked.size()).isEqualTo(none.size());
        for (int i = 0; i < linked.size(); i++) {
            assertThat(linked.get(i).path("links").toString()).contains("https://cds.example.org/reports/abc");
            assertThat(none.get(i).path("links").toString()).doesNotContain("/reports/");
            assertThat(linked.get(i).path("detail")).isEqualTo(none.get(i).path("detail"));
            assertThat(none.get(i).path("detail").asText()).doesNotContain("course report for this view");
        }
    }
}
