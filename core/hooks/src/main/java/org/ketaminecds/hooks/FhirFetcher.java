package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fetches prefetch data the CDS client did not send, from its FHIR server. The library has no HTTP client of its
 * own; hosts plug one in (the example service uses {@code java.net.http}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FhirFetcher {
    /**
     * Runs a relative FHIR query (e.g. {@code Condition?patient=123}) against {@code fhirServer}.
     *
     * @param accessToken the bearer token from {@code fhirAuthorization}, or null
     * @return the resource or searchset Bundle
     * @throws Exception if it cannot be had (the handler then answers 412 for required data)
     */
    JsonNode fetch(String fhirServer, String accessToken, String query) throws Exception;
}
