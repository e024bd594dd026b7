package org.ketaminecds.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.InvalidFactException;

/**
 * The README's table of site settings is the documented contract: every numeric setting is in it, with the default
 * the code ships and the range the code accepts (each end accepted, one step beyond refused, naming the setting).
 */
class DocumentedSettingsTest {
    private static final Path README = Path.of("../README.md"); // core/README.md: the site policy
    private static final Pattern ROW = Pattern.compile(
            "(?m)^\\| `(\\w+)`(?: / `(\\w+)`)? \\(([-0-9.]+)-([-0-9.]+)(?: / ([-0-9.]+)-([-0-9.]+))?[^)]*\\) \\| ([0-9.]+)(?: / ([0-9.]+))? \\|");

    private record Documented(BigDecimal min, BigDecimal max, BigDecimal shipped) {}

    private static Map<String, Documented> documented() throws IOException {
        Map<String, Documented> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(README));
        while (m.find()) {
            rows.put(
                    m.group(1),
                    new Documented(new BigDecimal(m.group(3)), new BigDecimal(m.group(4)), new BigDecimal(m.group(7))));
            if (m.group(2) != null) {
                rows.put(
                        m.group(2),
                        new Documented(
                                new BigDecimal(m.group(5)), new BigDecimal(m.group(6)), new BigDecimal(m.group(8))));
            }
        }
        return rows;
    }

    @Test
    void everyNumericSetting_isDocumented_withTheShippedDefault() throws IOException {
        Map<String, Documented> rows = documented();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(SitePolicy.settingNames());
        SitePolicy.defaults()
                .numericSettings()
                .forEach((setting, value) -> assertThat(new BigDecimal(value.toString())
                                .compareTo(rows.get(setting).shipped()))
                        .as("README default of %s", setting)
                        .isZero());
    }

    @Test
    void everyDocumentedRange_isTheRangeTheCodeAccepts() throws IOException {
        documented().forEach((setting, d) -> {
            boolean decimal = SitePolicy.defaults().numericSettings().get(setting) instanceof Double;
            BigDecimal step = decimal ? new BigDecimal("0.01") : BigDecimal.ONE;
            assertThat(build(setting, d.min(), decimal))
                    .as("%s at its documented minimum", setting)
                    .isNotNull();
            assertThat(build(setting, d.max(), decimal))
                    .as("%s at its documented maximum", setting)
                    .isNotNull();
            for (BigDecimal outside :
                    new BigDecimal[] {d.min().subtract(step), d.max().add(step)}) {
                assertThatThrownBy(() -> build(setting, outside, decimal))
                        .as("%s at %s", setting, outside)
                        .isInstanceOf(InvalidFactException.class)
                        .hasMessageStartingWith(setting + ":");
            }
        });
    }

    /** The defaults with one setting changed (and the other sedation level moved out of its way). */
    private static SitePolicy build(String setting, BigDecimal value, boolean decimal) {
        SitePolicy.Builder b = SitePolicy.builder();
        if (setting.equals("sedationCriticalMoaas")) {
            b.sedationWarningMoaas(4);
        } else if (setting.equals("sedationWarningMoaas")) {
            b.sedationCriticalMoaas(0);
        }
        try {
            if (decimal) {
                SitePolicy.Builder.class.getMethod(setting, double.class).invoke(b, value.doubleValue());
            } else {
                SitePolicy.Builder.class.getMethod(setting, int.class).invoke(b, value.intValueExact());
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no builder method for " + setting, e);
        }
        return b.build();
    }
}
