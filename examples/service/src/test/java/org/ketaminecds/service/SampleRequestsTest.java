package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ketaminecds.hooks.CdsHooksHandler;
import org.ketaminecds.hooks.CdsService;
import org.ketaminecds.hooks.HookResponse;

/** The README's curl examples post {@code examples/requests/<hook>.json}: each is a valid request for its service. */
class SampleRequestsTest {
    @Test
    void everyHook_hasASampleRequestThatTheServiceAnswers() throws Exception {
        CdsHooksHandler handler = ServiceFixtures.standardHandler();
        for (CdsService service : handler.services()) {
            String body = Files.readString(Path.of("../requests", service.hook() + ".json"));
            HookResponse response = handler.invoke(service.id(), body);
            assertThat(response.status()).as(service.id()).isEqualTo(200);
            assertThat(new ObjectMapper()
                            .readTree(response.body())
                            .path("cards")
                            .size())
                    .as(service.id())
                    .isPositive();
        }
    }
}
