package org.ketaminecds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ketaminecds.fhir.FhirReader;
import org.ketaminecds.json.CdsJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a hook call: each prefetch key the service declares, taken from the request's prefetch when the client
 * sent it (a required key that holds a failed search counts as not sent), else fetched from the client's FHIR server
 * when a fetcher is configured and the server policy allows that server for that client, all keys in parallel within
 * one budget. A required key still missing is a 412 that says why. Fetches run on an executor given by the host
 * (never closed here) or, without one, on threads this resolver owns and stops on {@link #close()}.
 */
final class PrefetchResolver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksHandler.class);

    private final FhirFetcher fetcher;
    private final FhirServerPolicy fhirServers;
    private final java.time.Duration fetchBudget;
    private final java.util.concurrent.ExecutorService fetchPool;
    private final boolean ownsPool;
    private final HookListener listener;
    private volatile boolean closed;

    /** The input for the FHIR reader, or the response that ends the call (exactly one is set). */
    record Resolved(ObjectNode input, HookResponse error) {}

    PrefetchResolver(
            FhirFetcher fetcher,
            FhirServerPolicy fhirServers,
            java.time.Duration fetchBudget,
            java.util.concurrent.ExecutorService executor,
            int fetchThreads,
            HookListener listener) {
        this.fetcher = fetcher;
        this.fhirServers = fhirServers;
        this.fetchBudget = fetchBudget;
        this.listener = listener;
        this.ownsPool = fetcher != null && executor == null;
        this.fetchPool = fetcher == null
                ? null
                : executor != null
                        ? executor
                        : java.util.concurrent.Executors.newFixedThreadPool(Math.max(2, fetchThreads), r -> {
                            Thread t = new Thread(r, "ketamine-cds-fhir-fetch");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * The service's prefetch queries filled from the context; when a template names a context field the request does
     * not give as a FHIR id, a map of that one key to null.
     */
    static Map<String, String> queries(CdsService service, JsonNode context) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String query = fill(template.getValue(), context);
            if (query == null) {
                Map<String, String> failed = new LinkedHashMap<>();
                failed.put(template.getKey(), null);
                return failed;
            }
            queries.put(template.getKey(), query);
        }
        return queries;
    }

    /**
     * The data for one call.
     *
     * @param queries the filled queries (see {@link #queries})
     * @param clientIssuer the authenticated client's issuer, or null
     */
    Resolved resolve(CdsService service, JsonNode request, Map<String, String> queries, String clientIssuer) {
        ObjectNode input = CdsJson.object();
        JsonNode prefetch = request.path("prefetch");
        Map<String, String> toFetch = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String key = query.getKey();
            if (prefetch.has(key)
                    && !(service.required().contains(key) && FhirReader.failedPrefetch(prefetch.get(key)))) {
                input.set(key, prefetch.get(key));
            } else {
                toFetch.put(key, query.getValue());
            }
        }
        String fhirServer = request.path("fhirServer").asText(null);
        String refusal = toFetch.isEmpty() || fetcher == null || fhirServer == null
                ? null
                : fhirServers.refusal(clientIssuer, fhirServer);
        if (refusal == null && fetcher != null && fhirServer != null && !toFetch.isEmpty()) {
            input.setAll(fetchAll(
                    service,
                    toFetch,
                    fhirServer,
                    request.path("fhirAuthorization").path("access_token").asText(null)));
        }
        List<String> missing = new ArrayList<>();
        for (String key : toFetch.keySet()) {
            if (!input.has(key) && service.required().contains(key)) {
                missing.add(key + " (" + service.prefetch().get(key) + ")");
            }
        }
        if (!missing.isEmpty()) {
            return new Resolved(
                    null,
                    CdsHooksHandler.outcome(
                            412,
                            "required",
                            "required data could not be obtained: " + String.join(", ", missing)
                                    + (fhirServer == null
                                            ? "; no fhirServer was given to fetch it from"
                                            : fetcher == null
                                                    ? "; this service does not fetch"
                                                    : refusal != null ? "; not fetched: " + refusal : "")));
        }
        return new Resolved(input, null);
    }

    /**
     * Fetches the missing prefetch keys in parallel, all within the request's budget; a key that fails or is not back
     * in time is left out (and counted by the listener). The token goes only to a server the policy allowed.
     */
    private Map<String, JsonNode> fetchAll(
            CdsService service, Map<String, String> queries, String fhirServer, String token) {
        Map<String, java.util.concurrent.Future<JsonNode>> pending = new LinkedHashMap<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            if (closed) {
                listener.fetchFailed(service.id(), q.getKey(), "closed"); // the handler was closed: fetch nothing
                continue;
            }
            try {
                pending.put(q.getKey(), fetchPool.submit(() -> fetcher.fetch(fhirServer, token, q.getValue())));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                listener.fetchFailed(service.id(), q.getKey(), "closed"); // the handler was closed: fetch nothing
            }
        }
        long deadline = System.nanoTime() + fetchBudget.toNanos();
        Map<String, JsonNode> fetched = new LinkedHashMap<>();
        for (Map.Entry<String, java.util.concurrent.Future<JsonNode>> p : pending.entrySet()) {
            try {
                JsonNode value = p.getValue()
                        .get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
                if (value != null) {
                    fetched.put(p.getKey(), value);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                p.getValue().cancel(true);
                listener.fetchFailed(service.id(), p.getKey(), "timeout");
                LOG.debug("Prefetch {} not fetched within the request's budget", p.getKey());
            } catch (java.util.concurrent.ExecutionException e) {
                listener.fetchFailed(
                        service.id(),
                        p.getKey(),
                        e.getCause() == null ? "error" : e.getCause().getClass().getSimpleName());
                LOG.debug(
                        "Prefetch {} could not be fetched: {}",
                        p.getKey(),
                        e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.getValue().cancel(true);
                break;
            }
        }
        return fetched;
    }

    /**
     * Fills {@code {{context.x}}} tokens in one pass (substituted text is never scanned again), each value a FHIR id,
     * percent-encoded. Null if a token is malformed or names a field that is missing or not a FHIR id.
     *
     * @param template a prefetch template
     * @param context the request's context
     * @return the filled query, or null
     */
    public static String fill(String template, JsonNode context) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("{{", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            int end = template.indexOf("}}", start);
            if (end < 0 || !template.startsWith("{{context.", start)) {
                return null;
            }
            String field = template.substring(start + 10, end);
            JsonNode value = context.get(field);
            if (value == null
                    || !value.isTextual()
                    || !HookRequests.FHIR_ID.matcher(value.asText()).matches()) {
                return null;
            }
            out.append(template, i, start)
                    .append(java.net.URLEncoder.encode(value.asText(), java.nio.charset.StandardCharsets.UTF_8));
            i = end + 2;
        }
        return out.toString();
    }

    /**
     * Stops the fetch threads this resolver owns (a host's executor is the host's to stop); calls in flight finish
     * their fetches within the budget, later calls fetch nothing. Closing twice is harmless.
     */
    @Override
    public void close() {
        closed = true;
        if (fetchPool != null && ownsPool) {
            fetchPool.shutdown();
            try {
                if (!fetchPool.awaitTermination(fetchBudget.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    fetchPool.shutdownNow();
                }
            } catch (InterruptedException e) {
                fetchPool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
