package org.ketaminecds.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ketaminecds.hooks.FhirFetcher;
import org.ketaminecds.json.CdsJson;

/**
 * Fetches missing prefetch from the client's FHIR server with {@code java.net.http} and the bearer token, within
 * limits: redirects are never followed, each fetch has one deadline for connecting, waiting and reading the whole body
 * (a server that trickles its answer is cut off), and a body larger than the limit is abandoned as soon as it passes
 * it (never held in memory whole). Which servers may be asked at all is the handler's {@code FhirServerPolicy}.
 */
public final class HttpFhirFetcher implements FhirFetcher {
    private final HttpClient client;
    private final Duration deadline;
    private final long maxBytes;

    /**
     * @param deadline the whole time one fetch may take, body included
     * @param maxBytes the largest body accepted
     */
    public HttpFhirFetcher(Duration deadline, long maxBytes) {
        this.deadline = deadline;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .connectTimeout(deadline)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public JsonNode fetch(String fhirServer, String accessToken, String query)
            throws IOException, InterruptedException {
        String base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + query))
                .timeout(deadline)
                .header("Accept", "application/fhir+json");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        CompletableFuture<HttpResponse<byte[]>> call =
                client.sendAsync(request.GET().build(), info -> new Capped(maxBytes));
        HttpResponse<byte[]> response;
        try {
            response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IOException("the FHIR server did not answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new IOException(
                    "the FHIR server could not be read: "
                            + e.getCause().getClass().getSimpleName(),
                    e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            throw new IOException("the FHIR server answered " + response.statusCode());
        }
        return CdsJson.readTree(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Collects a body up to a size, and fails (cancelling the exchange) as soon as it passes it. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + (long) item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(
                            new IOException("the FHIR server's answer is larger than " + max + " bytes"));
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
