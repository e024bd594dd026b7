package org.ketaminecds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;

/**
 * The vendor shapes of the FHIR module ({@code core/fhir/src/test/resources/fhir/vendor}) sent as CDS Hooks
 * requests: an empty search is no reason for a 412, a failed one is; a compounded ketamine order is checked; and the
 * request itself follows the specification (a UUID {@code hookInstance}).
 */
class VendorShapesHandlerTest {
    private static final Path VENDOR = Path.of("../fhir/src/test/resources/fhir/vendor");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CdsHooksHandler HANDLER = CdsHooksHandler.builder(CdsEngine.create())
            .clock(Clock.fixed(AS_OF.toInstant(), AS_OF.getOffset()))
            .build();

    /** A request of {@code hook} whose prefetch is the vendor file's map (draft orders go to the context). */
    private static ObjectNode request(String hook, String file) throws IOException {
        ObjectNode prefetch = (ObjectNode) JSON.readTree(VENDOR.resolve(file).toFile());
        ObjectNode r =
                JSON.createObjectNode().put("hook", hook).put("hookInstance", "5f4b8a8e-2c1d-4e7a-9b3f-0a1b2c3d4e5f");
        ObjectNode context = r.putObject("context")
                .put("userId", "Practitioner/example")
                .put("patientId", prefetch.path("patient").path("id").asText())
                .put("encounterId", "enc-1");
        JsonNode drafts = prefetch.remove("draftOrders");
        context.set(
                "draftOrders",
                drafts != null ? drafts : JSON.readTree("{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"));
        r.set("prefetch", prefetch);
        return r;
    }

    private static HookResponse call(String service, ObjectNode request) {
        return HANDLER.invoke(service, request.toString());
    }

    @Test
    void anEmptySearch_answeredWithAWarningOutcome_isNoReasonFor412() throws IOException {
        HookResponse r = call("ketamine-session-day", request("encounter-start", "empty-searches.prefetch.json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("MED-090", "could not prefetch");
    }

    @Test
    void aSearchThatFailed_isStillA412_whenTheDataIsRequired() throws IOException {
        HookResponse r = call("ketamine-session-day", request("encounter-start", "failed-search.prefetch.json"));
        assertThat(r.status()).isEqualTo(412);
        assertThat(r.body()).contains("medicationRequests");
    }

    @Test
    void aCompoundedKetamineTrocheOrder_isChecked_asAnOralKetamineOrder() throws IOException {
        HookResponse r = call("ketamine-order-sign", request("order-sign", "compounded-ketamine-troche.prefetch.json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("extension")
                        .path("org.ketaminecds.evaluation")
                        .path("fhirIssues")
                        .toString())
                .contains("read as oral");
    }

    @Test
    void aKetamineDraftOrderAboutAnotherPatient_isSaidNotChecked_notSkippedInSilence() throws IOException {
        ObjectNode req = request("order-sign", "compounded-ketamine-troche.prefetch.json");
        ((ObjectNode) req.at("/context/draftOrders/entry/0/resource/subject")).put("reference", "Patient/someone-else");
        HookResponse r = call("ketamine-order-sign", req);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("cards").toString()).contains("SYS-001", "ketamine-order", "about another patient");
    }

    @Test
    void aDraftOrderWhoseMedicineCannotBeTold_isSaidNotChecked() throws IOException {
        ObjectNode req = request("order-sign", "compounded-ketamine-troche.prefetch.json");
        ObjectNode order = (ObjectNode) req.at("/context/draftOrders/entry/0/resource");
        order.remove("contained");
        order.putObject("medicationReference").put("reference", "Medication/not-sent");
        HookResponse r = call("ketamine-order-sign", req);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("SYS-001", "does not say which medicine");
    }

    @Test
    void aHookInstanceThatIsNotAUuid_isA400NamingIt() throws IOException {
        ObjectNode req = request("encounter-start", "empty-searches.prefetch.json");
        for (String bad : new String[] {"1234", "not-a-uuid", "d1577c69-dfbe-44ad-ba6d-3e05e953b2e"}) {
            req.put("hookInstance", bad);
            HookResponse r = call("ketamine-session-day", req);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body()).contains("hookInstance must be a UUID");
        }
    }

    @Test
    void thePrefetchTemplates_askOnlyForWhatIsRead() {
        for (CdsService s : CdsServices.standard()) {
            assertThat(s.prefetch().get("observations"))
                    .contains(
                            "code=http://loinc.org%7C",
                            "http://loinc.org%7C8480-6", "urn:ketaminecds:observation%7Cmadrs-total", "_count=");
            assertThat(s.prefetch().get("medicationRequests")).contains("status=active,on-hold,draft");
            assertThat(s.prefetch().get("administrations")).contains("status=completed,in-progress");
            String filled = CdsHooksHandler.fill(
                    s.prefetch().get("observations"), JSON.createObjectNode().put("patientId", "p-1"));
            assertThat(java.net
                            .URI
                            .create("https://ehr.example.org/fhir/" + filled)
                            .getRawQuery())
                    .as("a valid URI")
                    .startsWith("patient=p-1&code=");
        }
    }
}
