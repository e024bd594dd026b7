package org.ketaminecds.hooks;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which FHIR servers the handler may fetch missing prefetch from, and send the client's bearer token to: an
 * allow-list of server base URLs per trusted client issuer (the JWT {@code iss}), and one for calls without client
 * authentication (development). A server is allowed when the request's {@code fhirServer} is one of the listed bases
 * or below it, over https; plain http only to a loopback address and only when {@code loopbackHttp} is on. Anything
 * else is never contacted, and the token is never sent there.
 *
 * @param byIssuer allowed server bases per trusted issuer
 * @param unauthenticated allowed server bases for calls without client authentication (development only)
 * @param loopbackHttp whether http to 127.0.0.1, ::1 or localhost is allowed (development only)
 * @since 0.2.0
 */
public record FhirServerPolicy(Map<String, List<URI>> byIssuer, List<URI> unauthenticated, boolean loopbackHttp) {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    public FhirServerPolicy {
        byIssuer = Map.copyOf(byIssuer);
        byIssuer.values().forEach(FhirServerPolicy::checkBases);
        unauthenticated = List.copyOf(unauthenticated);
        checkBases(unauthenticated);
    }

    /** Never fetch. */
    public static FhirServerPolicy none() {
        return new FhirServerPolicy(Map.of(), List.of(), false);
    }

    private static void checkBases(List<URI> bases) {
        for (URI base : bases) {
            Objects.requireNonNull(base, "base");
            if (base.getHost() == null || (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme()))) {
                throw new IllegalArgumentException("a FHIR server base must be an absolute http(s) URL, was " + base);
            }
            if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null) {
                throw new IllegalArgumentException("a FHIR server base has no query, fragment or user info: " + base);
            }
        }
    }

    /**
     * Why the handler may not fetch from {@code fhirServer} for a client of {@code issuer} (null when the call is not
     * authenticated), or null when it may.
     */
    public String refusal(String issuer, String fhirServer) {
        URI uri;
        try {
            uri = new URI(fhirServer);
        } catch (java.net.URISyntaxException e) {
            return "fhirServer is not a URL";
        }
        if (uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return "fhirServer must be a plain https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback && loopbackHttp)) {
            return "fhirServer must use https";
        }
        List<URI> allowed = issuer == null ? unauthenticated : byIssuer.getOrDefault(issuer, List.of());
        String normalised = strip(uri.normalize().toString());
        for (URI base : allowed) {
            String b = strip(base.normalize().toString());
            if (normalised.equalsIgnoreCase(b)
                    || normalised.toLowerCase(Locale.ROOT).startsWith(b.toLowerCase(Locale.ROOT) + "/")) {
                return uri.getPath() != null && uri.getPath().contains("..")
                        ? "fhirServer must not contain '..'"
                        : null;
            }
        }
        return "fhirServer is not on this service's allow-list for "
                + (issuer == null ? "unauthenticated calls" : "this client");
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
