package org.ketaminecds.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ketaminecds.hooks.FhirFetcher;
import org.ketaminecds.json.CdsJson;

/** Fetches missing prefetch from the client's FHIR server with {@code java.net.http}, with the bearer token. */
public final class HttpFhirFetcher implements FhirFetcher {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Duration timeout;

    public HttpFhirFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public JsonNode fetch(String fhirServer, String accessToken, String query) throws IOException, InterruptedException {
        String base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + query))
                .timeout(timeout)
                .header("Accept", "application/fhir+json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("FHIR server answered " + response.statusCode() + " for " + query.replaceAll("\\?.*", ""));
        }
        return CdsJson.readTree(response.body());
    }
}
