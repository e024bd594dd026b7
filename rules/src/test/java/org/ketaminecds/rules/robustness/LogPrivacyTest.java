package org.ketaminecds.rules.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ketaminecds.fact.Allergy;
import org.ketaminecds.fact.Condition;
import org.ketaminecds.fact.Medication;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.fact.VitalSigns;
import org.ketaminecds.json.CdsJson;
import org.ketaminecds.rules.ScenarioAccess;

/**
 * Runs the whole scenario suite with DEBUG logging written to a file (see the {@code log-privacy} surefire execution)
 * and checks that no patient identifier, condition or medication as entered, or clinical value reached the log.
 */
class LogPrivacyTest {
    @Test
    void debugLogOfTheScenarioSuite_holdsNoPatientData() throws Exception {
        Path log = Path.of(System.getProperty("ketaminecds.debugLog"));
        List<String> secrets = new ArrayList<>();
        for (var scenario : ScenarioAccess.all()) {
            SessionContext c = CdsJson.readContext(scenario.context());
            ScenarioAccess.evaluate(scenario);
            secrets.add(c.patient().id());
            for (Condition x : c.conditions()) {
                secrets.add(x.label());
            }
            for (Allergy a : c.allergies()) {
                if (a.substance() != null) {
                    secrets.add(a.substance());
                }
            }
            if (c.medications() != null) {
                for (Medication m : c.medications().entries()) {
                    secrets.add(m.label());
                }
            }
            for (VitalSigns v : c.vitals()) {
                if (v.hasBloodPressure()) {
                    secrets.add(v.systolic() + "/" + v.diastolic());
                }
            }
        }
        String text = Files.readString(log);
        assertThat(text).as("DEBUG logging was captured").contains("DEBUG", "Evaluated in");
        List<String> leaked = secrets.stream()
                .filter(s -> s.length() >= 4)
                .distinct()
                .filter(text::contains)
                .toList();
        assertThat(leaked).as("patient data found in the DEBUG log " + log).isEmpty();
    }
}
