package org.ketaminecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.cds.Indicator;

/** Site policy as JSON changes to the defaults: validated, unknown keys rejected. */
class PolicyJsonTest {
    @Test
    void emptyObject_isTheDefaults() {
        assertThat(CdsJson.readPolicy("{}")).isEqualTo(SitePolicy.defaults());
    }

    @Test
    void changes_overrideOnlyWhatTheyName() {
        SitePolicy p = CdsJson.readPolicy("{\"name\":\"clinic-a\",\"spo2Minimum\":90,"
                + "\"disabledRules\":[\"MED-023\"],"
                + "\"indicatorOverrides\":{\"MED-012\":{\"indicator\":\"info\",\"reason\":\"Our gabapentin audit\"}}}");
        assertThat(p.name()).isEqualTo("clinic-a");
        assertThat(p.spo2Minimum()).isEqualTo(90);
        assertThat(p.severeSystolic()).isEqualTo(SitePolicy.defaults().severeSystolic());
        assertThat(p.disabledRules()).containsExactly("MED-023");
        assertThat(p.indicatorOverrides().get("MED-012").indicator()).isEqualTo(Indicator.INFO);
    }

    @Test
    void unknownSetting_isRejected() {
        assertThatThrownBy(() -> CdsJson.readPolicy("{\"spo2Min\":90}"))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith("$.spo2Min: unknown field 'spo2Min'");
    }

    @Test
    void outOfRangeSetting_namesKeyValueAndRange() {
        assertThatThrownBy(() -> CdsJson.readPolicy("{\"spo2Minimum\":70}"))
                .hasMessage("$.spo2Minimum: must be between 80 and 98 %, was 70");
    }

    @Test
    void overrideWithoutReason_isRejected() {
        assertThatThrownBy(() -> CdsJson.readPolicy("{\"indicatorOverrides\":{\"MED-012\":{\"indicator\":\"info\"}}}"))
                .hasMessage("$.indicatorOverrides.MED-012.reason: an indicator override needs a written reason");
    }

    @Test
    void unknownIndicator_isRejected() {
        assertThatThrownBy(() -> CdsJson.readPolicy("{\"indicatorOverrides\":{\"MED-012\":{\"indicator\":\"high\",\"reason\":\"x\"}}}"))
                .isInstanceOf(InvalidFactException.class)
                .hasMessageContaining("$.indicatorOverrides.MED-012.indicator");
    }
}
