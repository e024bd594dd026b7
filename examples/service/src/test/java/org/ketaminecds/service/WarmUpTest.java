package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;

/** The warm-up sends every bundled sample request through the rules, each answered 200, and records nothing. */
class WarmUpTest {
    @Test
    void everySampleRequest_isSentAndAnswered() {
        WarmUp.Result done = WarmUp.run(CdsEngine.create(), ServiceFixtures.CLOCK, Duration.ofMillis(300), 2);
        assertThat(done.calls())
                .as("each thread sends the five samples at least once")
                .isGreaterThanOrEqualTo(10);
        assertThat(done.failed()).isZero();
    }

    @Test
    void aNegativeWarmUp_isAUsageError() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(ServiceCommand.run(
                            new String[] {"--clinic-zone", "UTC", "--insecure-no-auth", "--warm-up", "-PT1S"}))
                    .isEqualTo(2);
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--warm-up");
        } finally {
            System.setErr(err);
        }
    }
}
