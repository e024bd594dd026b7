package org.ketaminecds.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.InvalidFactException;

/**
 * The settings table ({@link PolicySetting}) is the one description of the numeric site settings: it matches
 * {@link SitePolicy}'s components one for one, its ranges are the ranges the code accepts (each end accepted, one step
 * beyond refused, naming the setting), every evidence row it cites exists, and the README's table is generated from it
 * ({@code mvn test -Dtest=DocumentedSettingsTest -Dreadme.update=true} rewrites it).
 */
class DocumentedSettingsTest {
    private static final Path README = Path.of("../README.md"); // core/README.md: the site policy
    private static final Path EVIDENCE = Path.of("../../seeds/evidence.yaml");
    private static final String BEGIN =
            "<!-- settings table: generated from PolicySetting by DocumentedSettingsTest -->\n";
    private static final String END = "<!-- end of generated settings table -->";

    @Test
    void theTable_matchesThePolicysComponents_oneForOne() {
        List<RecordComponent> numeric = Arrays.stream(SitePolicy.class.getRecordComponents())
                .filter(c -> c.getType() == int.class || c.getType() == double.class)
                .toList();
        assertThat(PolicySetting.all().stream().map(PolicySetting::key))
                .containsExactlyElementsOf(
                        numeric.stream().map(RecordComponent::getName).toList());
        for (int i = 0; i < numeric.size(); i++) {
            PolicySetting s = PolicySetting.all().get(i);
            assertThat(s.decimal()).as(s.key()).isEqualTo(numeric.get(i).getType() == double.class);
            assertThat(s.of(SitePolicy.defaults())).as(s.key() + " shipped").isEqualTo(s.shipped());
            assertThat(PolicySetting.byKey(s.key())).isSameAs(s);
            assertThat(s.shipped().doubleValue())
                    .as(s.key())
                    .isBetween(s.min().doubleValue(), s.max().doubleValue());
        }
        assertThat(SitePolicy.settingNames())
                .containsExactlyElementsOf(
                        PolicySetting.all().stream().map(PolicySetting::key).toList());
    }

    @Test
    void everyRange_isTheRangeTheCodeAccepts() {
        for (PolicySetting s : PolicySetting.all()) {
            BigDecimal min = new BigDecimal(s.min().toString());
            BigDecimal max = new BigDecimal(s.max().toString());
            BigDecimal step = s.decimal() ? new BigDecimal("0.01") : BigDecimal.ONE;
            assertThat(build(s.key(), min, s.decimal()))
                    .as("%s at its minimum", s.key())
                    .isNotNull();
            assertThat(build(s.key(), max, s.decimal()))
                    .as("%s at its maximum", s.key())
                    .isNotNull();
            for (BigDecimal outside : new BigDecimal[] {min.subtract(step), max.add(step)}) {
                assertThatThrownBy(() -> build(s.key(), outside, s.decimal()))
                        .as("%s at %s", s.key(), outside)
                        .isInstanceOf(InvalidFactException.class)
                        .hasMessageStartingWith(s.key() + ":");
            }
        }
    }

    @Test
    void everyEvidenceRow_theTableCites_exists() throws IOException {
        String table = Files.readString(EVIDENCE);
        for (PolicySetting s : PolicySetting.all()) {
            assertThat(s.evidence()).as(s.key()).isNotEmpty();
            for (String id : s.evidence()) {
                assertThat(table).as(s.key() + " cites " + id).contains("- id: " + id + "\n");
            }
            assertThat(s.basis().contains("local policy")
                            || !s.evidence().stream().allMatch(id -> id.startsWith("E-POL-")))
                    .as("%s rests on local-policy rows only, so its basis must say local policy", s.key())
                    .isTrue();
        }
    }

    @Test
    void theReadmeTable_isGeneratedFromTheTable() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("the README marks its generated table").isNotNegative();
        assertThat(to).isGreaterThan(from);
        String generated = PolicySetting.markdownTable();
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, readme.substring(0, from + BEGIN.length()) + generated + readme.substring(to));
            return;
        }
        assertThat(readme.substring(from + BEGIN.length(), to))
                .as("core/README.md's settings table; regenerate with -Dreadme.update=true")
                .isEqualTo(generated);
    }

    /** The defaults with one setting changed (and the other sedation level moved out of its way). */
    private static SitePolicy build(String setting, BigDecimal value, boolean decimal) {
        SitePolicy.Builder b = SitePolicy.builder();
        if (setting.equals("sedationCriticalMoaas")) {
            b.sedationWarningMoaas(4);
        } else if (setting.equals("sedationWarningMoaas")) {
            b.sedationCriticalMoaas(0);
        }
        b.setting(PolicySetting.byKey(setting), decimal ? value.doubleValue() : value.intValueExact());
        return b.build();
    }
}
