package org.ketaminecds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;

/**
 * The defects an adversarial review found that show through the CDS Hooks handler, on the FHIR module's defect files
 * ({@code core/fhir/src/test/resources/fhir/defects}).
 */
class HandlerDefectsTest {
    private static final Path CASES = Path.of("../fhir/src/test/resources/fhir/defects");
    private static final OffsetDateTime AS_OF = OffsetDateTime.parse("2026-03-12T15:00:00Z");
    private static final CdsHooksHandler HANDLER = CdsHooksHandler.builder(CdsEngine.create())
            .clock(Clock.fixed(AS_OF.toInstant(), AS_OF.getOffset()))
            .build();

    private static HookResponse hook(String service, String name) throws IOException {
        return HANDLER.invoke(service, Files.readString(CASES.resolve(name)));
    }

    @Test
    void aBloodPressureHalfDoesNotStopTheRestOfTheSession() throws IOException {
        HookResponse response = hook("ketamine-session-day", "h13-session-bp-half.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("TRJ-010");
    }

    @Test
    void anUnreadableProposedAppointmentStart_isA400() throws IOException {
        for (String name : List.of("h10-appt-partial.json", "h11-appt-garbage.json", "h12-appt-number.json")) {
            HookResponse response = hook("ketamine-appointment-book", name);
            assertThat(response.status()).as(name).isEqualTo(400);
            assertThat(response.body()).contains("context.appointments[0].start");
        }
    }

    @Test
    void aFailedMedicationPrefetch_isA412_neverACompleteAnswer() throws IOException {
        for (String name : List.of("h01-meds-oo.json", "h02-meds-searchset-outcome-only.json")) {
            HookResponse response = hook("ketamine-order-sign", name);
            // Required data the client could not prefetch and the service cannot fetch: 412, never a complete 200.
            assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(412);
        }
    }
}
