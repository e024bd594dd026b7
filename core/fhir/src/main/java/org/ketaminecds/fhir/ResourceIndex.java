package org.ketaminecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of one input and how they refer to each other: collected from a Bundle, a resource, an array or a
 * CDS Hooks prefetch map (failed prefetch and unsent pages reported), each resource once (of two versions the
 * newer), references resolved by {@code Type/id}, Bundle {@code fullUrl} ({@code urn:uuid}, absolute, with
 * {@code _history}) and {@code #id} within the referrer's own {@code contained}. Not thread-safe; one per read.
 */
final class ResourceIndex {
    /** "Type/id" at the end of a reference, optionally followed by "/_history/version". */
    private static final Pattern TYPE_AND_ID =
            Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/[^/]+)?$");

    private final Report report;
    private final List<JsonNode> resources = new ArrayList<>();
    /** Resources by "Type/id" and by Bundle entry fullUrl. */
    private final Map<String, JsonNode> byReference = new HashMap<>();
    /** Resources by identity: the absolute fullUrl without its version, else "Type/id". */
    private final Map<String, JsonNode> byIdentity = new HashMap<>();
    /** Each Bundle entry's fullUrl, by resource (identity). */
    private final Map<JsonNode, String> fullUrls = new IdentityHashMap<>();
    /** Medication resources something referred to (by identity). */
    private final Set<JsonNode> referencedMedications = Collections.newSetFromMap(new IdentityHashMap<>());

    private boolean medicationListSent;
    private JsonNode patient;

    ResourceIndex(Report report) {
        this.report = report;
    }

    /** Collects every resource of the input; the Patient the context is about is the first Patient with an id. */
    void collect(JsonNode input) {
        collect(input, null);
        patient = resources.stream()
                .filter(r -> r.path("resourceType").asText().equals("Patient") && r.hasNonNull("id"))
                .findFirst()
                .orElse(null);
    }

    /** The resources, each once, in input order. */
    List<JsonNode> resources() {
        return List.copyOf(resources);
    }

    /** The Patient the context is about, or null. */
    JsonNode patient() {
        return patient;
    }

    /**
     * Whether the input carries a medication list: medication resources, a prefetch key for medication requests or
     * statements (a null value there is an empty list), or a search Bundle of them.
     */
    boolean medicationListSent() {
        return medicationListSent;
    }

    /** Notes that the input carries a medication list. */
    void medicationListSent(boolean sent) {
        medicationListSent |= sent;
    }

    /** Notes that some order, statement or administration refers to this Medication. */
    void referenced(JsonNode medication) {
        referencedMedications.add(medication);
    }

    /** Whether some order, statement or administration refers to this Medication. */
    boolean isReferenced(JsonNode medication) {
        return referencedMedications.contains(medication);
    }

    private void collect(JsonNode node, String prefetchKey) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, prefetchKey));
            return;
        }
        if (!node.isObject()) {
            report.issue(
                    prefetchKey == null ? "input" : "prefetch " + prefetchKey,
                    "expected a FHIR resource, Bundle or prefetch object, found " + node.getNodeType());
            return;
        }
        String type = node.path("resourceType").asText(null);
        if (type == null) {
            collectPrefetch(node);
        } else if (type.equals("Bundle")) {
            collectBundle(node, prefetchKey);
        } else if (type.equals("OperationOutcome")) {
            if (Outcomes.reportsError(node)) {
                report.issue(
                        "OperationOutcome",
                        "the client reported a prefetch problem" + (prefetchKey == null ? "" : " for " + prefetchKey)
                                + ": " + Outcomes.diagnostics(node, "unknown"));
                if (prefetchKey != null) {
                    report.incomplete(
                            prefetchKey.toLowerCase(Locale.ROOT),
                            "the client reported an error for part of " + prefetchKey);
                }
            }
            // An information or warning outcome in a search result ("no results") is not data: nothing to read.
        } else {
            add(node);
        }
    }

    /** A CDS Hooks prefetch map: each key's value, a failed one reported as such. */
    private void collectPrefetch(JsonNode map) {
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (Outcomes.failed(f.getValue())) {
                prefetchFailed(f.getKey(), f.getValue());
                continue;
            }
            if (f.getKey().equals("medicationRequests") || f.getKey().equals("medicationStatements")) {
                medicationListSent = true;
            }
            collect(f.getValue(), f.getKey());
        }
    }

    private void collectBundle(JsonNode bundle, String prefetchKey) {
        String self = "";
        String next = null;
        for (JsonNode link : bundle.path("link")) {
            String url = link.path("url").asText("");
            String relation = link.path("relation").asText("");
            if (url.contains("MedicationRequest") || url.contains("MedicationStatement")) {
                medicationListSent = true;
            }
            if (relation.equals("self")) {
                self = url;
            } else if (relation.equals("next")) {
                next = url;
            }
        }
        Set<String> entryTypes = new TreeSet<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.get("resource");
            if (resource != null && resource.isObject()) {
                entryTypes.add(resource.path("resourceType").asText("?"));
                if (entry.hasNonNull("fullUrl")) {
                    byReference.put(entry.get("fullUrl").asText(), resource);
                    fullUrls.put(resource, entry.get("fullUrl").asText());
                }
            } else {
                report.issue(
                        "Bundle" + (prefetchKey == null ? "" : " " + prefetchKey),
                        "an entry without a resource"
                                + (entry.hasNonNull("fullUrl")
                                        ? " (" + entry.get("fullUrl").asText() + ")"
                                        : "")
                                + ": nothing to read");
            }
            collect(resource, prefetchKey);
        }
        if (next != null) {
            String where = prefetchKey == null ? "a Bundle" : "prefetch " + prefetchKey;
            report.issue("Bundle", where + " has a next page that was not sent: only the first page was read");
            report.incomplete(
                    (self + " " + String.join(" ", entryTypes)).toLowerCase(Locale.ROOT),
                    "a search result has more pages than were sent; later pages were not read");
        }
    }

    /** A prefetch the client could not fill: reported, and what it would have held is a check that cannot run. */
    private void prefetchFailed(String key, JsonNode value) {
        report.issue(
                "prefetch " + key,
                "the client could not prefetch it: "
                        + Outcomes.diagnostics(Outcomes.outcomeOf(value), "no reason given"));
        report.incomplete(key.toLowerCase(Locale.ROOT), "the client reported that it could not prefetch " + key);
    }

    /** Adds a resource, once: the same resource sent twice (two keys, two versions) is read once, the newer. */
    private void add(JsonNode node) {
        if (node.hasNonNull("id")) {
            String key =
                    node.path("resourceType").asText() + "/" + node.get("id").asText();
            String url = fullUrls.get(node);
            // A resource's identity: its absolute fullUrl (two servers may both have a Medication/1), else Type/id.
            String identity = url != null && url.contains("://") ? url.replaceAll("/_history/[^/]+$", "") : key;
            JsonNode earlier = byIdentity.get(identity);
            if (earlier != null) {
                boolean newer = newer(node, earlier);
                report.issue(
                        key,
                        newer
                                ? "an earlier version of this resource was also sent: the newer is used"
                                : node.equals(earlier)
                                        ? "sent twice: read once"
                                        : "an older version of this resource was also sent: not used");
                if (newer) {
                    resources.set(resources.indexOf(earlier), node);
                    byIdentity.put(identity, node);
                    byReference.replace(key, earlier, node);
                }
                return;
            }
            byIdentity.put(identity, node);
            byReference.putIfAbsent(key, node);
        }
        resources.add(node);
    }

    /** Whether {@code a} is a later version than {@code b} (meta.versionId as a number, else meta.lastUpdated). */
    private static boolean newer(JsonNode a, JsonNode b) {
        String va = a.path("meta").path("versionId").asText("");
        String vb = b.path("meta").path("versionId").asText("");
        if (va.matches("\\d{1,18}") && vb.matches("\\d{1,18}")) {
            return Long.parseLong(va) > Long.parseLong(vb);
        }
        String la = a.path("meta").path("lastUpdated").asText("");
        String lb = b.path("meta").path("lastUpdated").asText("");
        return !la.isEmpty() && !lb.isEmpty() && la.compareTo(lb) > 0;
    }

    /**
     * The resource a reference points to: {@code #id} only inside the referring resource's own {@code contained};
     * otherwise by Bundle entry fullUrl ({@code urn:uuid:...}, absolute URLs) or by {@code Type/id}, also as the tail
     * of an absolute URL (with or without {@code _history}). Null if not in the input.
     */
    JsonNode resolve(JsonNode referrer, String reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            for (JsonNode contained : referrer.path("contained")) {
                if (id.equals(contained.path("id").asText(null))) {
                    return contained;
                }
            }
            return null;
        }
        Matcher m = TYPE_AND_ID.matcher(reference);
        String referrerUrl = fullUrls.get(referrer);
        boolean absolute = reference.contains("://") || reference.startsWith("urn:");
        if (!absolute && m.find() && referrerUrl != null && referrerUrl.contains("://")) {
            // A relative reference inside a Bundle resolves against its own entry's server base first.
            Matcher own = TYPE_AND_ID.matcher(referrerUrl);
            if (own.find()) {
                JsonNode sameServer =
                        byReference.get(referrerUrl.substring(0, own.start()) + m.group(1) + "/" + m.group(2));
                if (sameServer != null) {
                    return sameServer;
                }
            }
        }
        JsonNode hit = byReference.get(reference);
        if (hit != null) {
            return hit;
        }
        m = TYPE_AND_ID.matcher(reference);
        if (!m.find()) {
            return null;
        }
        JsonNode candidate = byReference.get(m.group(1) + "/" + m.group(2));
        if (candidate != null && absolute) {
            // An absolute reference names a server: a local resource matches only if it came from that server or from
            // no known server.
            String candidateUrl = fullUrls.get(candidate);
            String referenceBase = reference.substring(0, m.start());
            if (candidateUrl != null && candidateUrl.contains("://") && !candidateUrl.startsWith(referenceBase)) {
                return null;
            }
        }
        return candidate;
    }

    /**
     * The reference of the patient a resource is about, when that is not the Patient of this context, else null. A
     * reference that cannot be resolved counts as ours unless it names another Patient id.
     */
    String otherPatient(JsonNode r) {
        if (patient == null || r.path("resourceType").asText().equals("Patient")) {
            return null;
        }
        String ref = r.path("subject")
                .path("reference")
                .asText(r.path("patient").path("reference").asText(null));
        if (ref == null) {
            return null;
        }
        JsonNode target = resolve(r, ref);
        if (target != null) {
            return target == patient || !target.path("resourceType").asText().equals("Patient") ? null : ref;
        }
        Matcher m = TYPE_AND_ID.matcher(ref);
        return m.find()
                        && m.group(1).equals("Patient")
                        && !m.group(2).equals(patient.get("id").asText())
                ? ref
                : null;
    }

    /** The "Type/id" a reference ends with, or null (for naming what a reference pointed to). */
    static String typeAndId(String reference) {
        if (reference == null) {
            return null;
        }
        Matcher m = TYPE_AND_ID.matcher(reference);
        return m.find() ? m.group(1) + "/" + m.group(2) : null;
    }
}
