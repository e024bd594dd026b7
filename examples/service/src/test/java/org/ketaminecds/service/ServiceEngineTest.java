package org.ketaminecds.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ketaminecds.CdsEngine;
import org.ketaminecds.fact.InvalidFactException;

/** The service's --policy and --knowledge-base options build the engine a site asks for. */
class ServiceEngineTest {
    @Test
    void defaults_withoutOptions() throws Exception {
        CdsEngine engine = ServiceCommand.engine(null, null);
        assertThat(engine.policy().name()).isEqualTo("ketamine-cds-defaults");
        assertThat(engine.rules()).noneMatch(r -> r.local());
    }

    @Test
    void sitePolicyAndLocalKnowledgeBase() throws Exception {
        CdsEngine engine = ServiceCommand.engine(Path.of("../clinic/policy.yaml"), "exampleClinic");
        assertThat(engine.policy().name()).isEqualTo("example-clinic-2026-11");
        assertThat(engine.policy().spo2Minimum()).isEqualTo(94);
        assertThat(engine.rules())
                .filteredOn(r -> r.local())
                .extracting(r -> r.id())
                .containsExactly("SITE-001");
    }

    @Test
    void anInvalidPolicyFile_stopsTheStart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(
                bad, "{\"name\": \"x\", \"settings\": {\"spo2Minimum\": {\"value\": 99, \"reason\": \"r\"}}}");
        assertThatThrownBy(() -> ServiceCommand.engine(bad, null))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("$.settings.spo2Minimum.value");
    }
}
