package org.ketaminecds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI FHIR's instance validator (R4 core profiles, no terminology server), an independent referee for the FHIR our
 * fixtures hold and our service returns. Test scope only.
 */
final class HapiReferee {
    private static final FhirContext CONTEXT = FhirContext.forR4();
    private static final FhirValidator VALIDATOR;

    static {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT),
                new CommonCodeSystemsTerminologyService(CONTEXT),
                new SnapshotGeneratingValidationSupport(CONTEXT));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setAnyExtensionsAllowed(true);
        VALIDATOR = CONTEXT.newValidator().registerValidatorModule(module);
    }

    private HapiReferee() {}

    /**
     * The errors HAPI finds in a FHIR JSON resource, as "location: message", leaving out what we do not claim:
     * conformance to profiles (US Core) we do not have loaded.
     */
    static synchronized List<String> errors(String json) {
        return VALIDATOR.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .filter(m -> !unclaimedProfile(m))
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }

    private static boolean unclaimedProfile(SingleValidationMessage m) {
        String text = m.getMessage();
        return text.contains("Profile reference")
                        && (text.contains("could not be resolved")
                                || text.contains("could not be found")
                                || text.contains("has not been checked"))
                || text.contains("has not been checked because it is unknown")
                || text.contains("Failed to retrieve profile with url=http://hl7.org/fhir/us/core/");
    }
}
