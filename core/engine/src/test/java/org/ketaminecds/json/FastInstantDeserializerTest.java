package org.ketaminecds.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastInstantDeserializerTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-09T14:15:00Z",
                "2026-03-09T14:15:07.5Z",
                "2026-03-09T14:15:07.123456789Z",
                "2026-03-09T14:15:00+01:00",
                "2026-03-09T14:15:00-05:30",
                "2024-02-29T23:59:59Z",
                "2026-03-09T00:00:00.000+14:00"
            })
    void simpleForms_parseExactlyLikeTheJdk(String text) {
        assertThat(FastInstantDeserializer.parse(text))
                .isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-03-09T14:15Z",
                "2026-03-09T14:15:0Z",
                "2026-02-30T10:00:00Z",
                "2026-13-01T10:00:00Z",
                "2026-03-09T24:00:00Z",
                "2026-03-09T14:15:00",
                "2026-03-09 14:15:00Z",
                "2026-03-09T14:15:00+0100",
                "2026-03-09T14:15:00.Z",
                "2026-03-09T14:15:00.1234567891Z",
                "2026-03-09T14:15:00+19:00",
                "+12026-03-09T14:15:00Z",
                "x"
            })
    void anythingElse_isLeftToJackson(String text) {
        assertThat(FastInstantDeserializer.parse(text)).isNull();
    }

    /** The fast path accepts nothing the standard deserializer rejects: a time without seconds stays an error. */
    @org.junit.jupiter.api.Test
    void aTimeWithoutSeconds_isStillRejected_withTheJsonPath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CdsJson.readContext(
                                "{\"asOf\": \"2026-03-09T15:00:00Z\","
                                        + " \"patient\": {\"id\": \"p\"}, \"vitals\": [{\"at\": \"2026-03-09T14:15Z\", \"spo2\": 97}]}"))
                .isInstanceOf(org.ketaminecds.fact.InvalidFactException.class)
                .satisfies(e -> assertThat(((org.ketaminecds.fact.InvalidFactException) e).path())
                        .isEqualTo("$.vitals[0].at"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-09T14:15:00Z", "2026-03-09T14:15:00+02:00"})
    void throughTheMapper_aVitalSignTimeIsTheSameInstant(String text) {
        var context = CdsJson.readContext("{\"asOf\": \"2026-03-09T15:00:00Z\", \"patient\": {\"id\": \"p\"},"
                + " \"vitals\": [{\"at\": \"" + text + "\", \"spo2\": 97}]}");
        assertThat(context.vitals().get(0).at()).isEqualTo(Instant.from(OffsetDateTime.parse(text)));
    }
}
