package org.ketaminecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.InvalidFactException;
import org.ketaminecds.policy.PolicyChange;
import org.ketaminecds.policy.PolicyHash;
import org.ketaminecds.policy.SitePolicy;

/** One policy format: the reasons live in the policy (and its hash), and changes over a base use the same format. */
class PolicyJsonTest {
    private static final String CLINIC = """
            {"name": "clinic-a",
             "settings": {"spo2Minimum": {"value": 90, "reason": "Anaesthesia SOP-12"},
                          "heartRateMaximum": {"value": 130, "reason": "Cardiology advice"}},
             "disabledRules": {"MED-023": "TSH checked before every session"}}""";

    @Test
    void reasons_arePartOfThePolicy_andOfItsHash() {
        SitePolicy a = PolicyFile.parse(CLINIC).policy();
        SitePolicy b = PolicyFile.parse(CLINIC.replace("Anaesthesia SOP-12", "Anaesthesia SOP-13"))
                .policy();
        assertThat(a.reasons())
                .containsEntry("settings.spo2Minimum", "Anaesthesia SOP-12")
                .containsEntry("disabledRules.MED-023", "TSH checked before every session");
        assertThat(PolicyHash.canonicalForm(a)).contains("Anaesthesia SOP-12");
        assertThat(PolicyHash.of(a)).isNotEqualTo(PolicyHash.of(b));
    }

    @Test
    void changesFrom_theDefaults_listEachChangeWithTheReasonThePolicyHolds() {
        SitePolicy p = PolicyFile.parse(CLINIC).policy();
        assertThat(p.changesFrom(SitePolicy.defaults()))
                .extracting(PolicyChange::key, PolicyChange::site, PolicyChange::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("settings.spo2Minimum", "90", "Anaesthesia SOP-12"),
                        org.assertj.core.groups.Tuple.tuple("settings.heartRateMaximum", "130", "Cardiology advice"),
                        org.assertj.core.groups.Tuple.tuple(
                                "disabledRules.MED-023", "off", "TSH checked before every session"));
        assertThat(SitePolicy.defaults().changesFrom(SitePolicy.defaults())).isEmpty();
    }

    @Test
    void changesOverABase_keepTheBase_exceptWhatTheyName() {
        SitePolicy base = PolicyFile.parse(CLINIC).policy();
        SitePolicy p = PolicyFile.parse(base, CdsJson.readTree("""
                {"name": "scenario", "settings": {"spo2Minimum": {"value": 92, "reason": "back to the default"},
                 "severeSystolic": {"value": 170, "reason": "test"}}}""")).policy();
        assertThat(p.spo2Minimum()).isEqualTo(92);
        assertThat(p.severeSystolic()).isEqualTo(170);
        assertThat(p.heartRateMaximum()).isEqualTo(130);
        assertThat(p.disabledRules()).containsExactly("MED-023");
        assertThat(p.reasons())
                .doesNotContainKey("settings.spo2Minimum")
                .containsEntry("settings.heartRateMaximum", "Cardiology advice")
                .containsEntry("settings.severeSystolic", "test");
    }

    @Test
    void aReasonForAChangeThePolicyDoesNotMake_isRejected_namingIt() {
        assertThatThrownBy(() -> SitePolicy.defaults().toBuilder()
                        .reason("settings.spo2Minimum", "x")
                        .build())
                .isInstanceOf(InvalidFactException.class)
                .hasMessageStartingWith(
                        "reasons.settings.spo2Minimum: gives a reason for a change the policy does not make");
        assertThatThrownBy(() -> SitePolicy.defaults().toBuilder()
                        .reason("disabledRules.MED-012", "x")
                        .build())
                .hasMessageStartingWith("reasons.disabledRules.MED-012:");
        assertThatThrownBy(() -> SitePolicy.defaults().toBuilder()
                        .spo2Minimum(90)
                        .reason("settings.spo2Minimum", " ")
                        .build())
                .hasMessageStartingWith("reasons.settings.spo2Minimum:");
    }

    @Test
    void everySetting_changedAlone_keepsItsReason() {
        SitePolicy defaults = SitePolicy.defaults();
        for (String setting : SitePolicy.settingNames()) {
            Number shipped = defaults.numericSettings().get(setting);
            SitePolicy changed = null;
            for (double step : new double[] {1, -1, 0.01, -0.01}) {
                Number value = shipped instanceof Integer i
                        ? (Number) (i + (int) step)
                        : (Number) (shipped.doubleValue() + step);
                if (shipped instanceof Integer && Math.abs(step) < 1) {
                    continue;
                }
                try {
                    changed = PolicyFile.parse("{\"name\":\"x\",\"settings\":{\"" + setting + "\":{\"value\":" + value
                                    + ",\"reason\":\"why " + setting + "\"}}}")
                            .policy();
                    break;
                } catch (InvalidFactException outOfRange) {
                    if (!outOfRange.getMessage().contains(".value:")) {
                        throw outOfRange;
                    }
                }
            }
            assertThat(changed).as("a policy changing only %s", setting).isNotNull();
            assertThat(changed.reasons())
                    .as(setting)
                    .containsExactly(java.util.Map.entry("settings." + setting, "why " + setting));
            assertThat(changed.changesFrom(defaults))
                    .extracting(PolicyChange::key)
                    .containsExactly("settings." + setting);
        }
    }

    @Test
    void builder_setsRelatedSettingsTogether_byTopic() {
        SitePolicy p = SitePolicy.builder()
                .name("clinic-b")
                .preDoseHold(160, 95)
                .severeHypertension(175, 105)
                .sedationLevels(3, 2)
                .heartRateLimits(45, 130)
                .racemicFast(180, 60)
                .racemicIvDoseRange(0.2, 1.0)
                .build();
        assertThat(p.numericSettings())
                .containsEntry("preDoseHoldSystolic", 160)
                .containsEntry("preDoseHoldDiastolic", 95)
                .containsEntry("severeSystolic", 175)
                .containsEntry("severeDiastolic", 105)
                .containsEntry("sedationWarningMoaas", 3)
                .containsEntry("sedationCriticalMoaas", 2)
                .containsEntry("heartRateMinimum", 45)
                .containsEntry("heartRateMaximum", 130)
                .containsEntry("racemicFoodFastMinutes", 180)
                .containsEntry("racemicFluidFastMinutes", 60)
                .containsEntry("racemicIvDoseMinMgPerKg", 0.2)
                .containsEntry("racemicIvDoseMaxMgPerKg", 1.0);
        assertThat(p.changesFrom(SitePolicy.defaults())).hasSize(12);
        assertThatThrownBy(() -> SitePolicy.builder().sedationLevels(2, 2).build())
                .hasMessageStartingWith("sedationCriticalMoaas: must be below sedationWarningMoaas (2), was 2");
    }

    @Test
    void undoingAChange_dropsTheReasonCarriedOver_andASettingAtItsDefaultIsNoChange() {
        SitePolicy p = PolicyFile.parse(CLINIC).policy();
        SitePolicy reEnabled = p.withDisabledRules(java.util.Set.of());
        assertThat(reEnabled.reasons())
                .doesNotContainKey("disabledRules.MED-023")
                .containsKey("settings.spo2Minimum");
        SitePolicy back = p.toBuilder().spo2Minimum(92).build();
        assertThat(back.reasons()).doesNotContainKey("settings.spo2Minimum");
        assertThat(PolicyFile.parse(
                                "{\"name\":\"x\",\"settings\":{\"spo2Minimum\":{\"value\":92,\"reason\":\"as shipped\"}}}")
                        .changes())
                .isEmpty();
    }

    @Test
    void outOfRangeSetting_namesKeyValueAndRange() {
        assertThatThrownBy(() -> PolicyFile.parse(
                        "{\"name\":\"x\",\"settings\":{\"spo2Minimum\":{\"value\":70,\"reason\":\"r\"}}}"))
                .hasMessage("$.settings.spo2Minimum.value: must be between 80 and 98 %, was 70");
    }
}
