package org.ketaminecds.service;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the bearer JWT that CDS Hooks clients send with every call: signed with RS384 or ES384 (never {@code none}
 * or HMAC) by a key of an allow-listed issuer, {@code aud} equal to the called endpoint's URL, {@code exp} not
 * passed, {@code iat} not in the future, {@code jti} not seen before. Thread-safe. Tokens are never logged; the
 * reason for a rejection is returned for the host to log at DEBUG, and the client gets a bare 401.
 */
public final class JwtAuthenticator {
    private static final int MAX_REMEMBERED_JTI = 100_000;

    private final Map<String, JWKSet> trustedIssuers;
    private final Clock clock;
    private final Duration skew;
    private final Map<String, Instant> seenJti = new ConcurrentHashMap<>();

    /**
     * @param trustedIssuers issuer ({@code iss}) to the public keys it signs with
     * @param skew tolerated clock difference for {@code exp} and {@code iat}
     */
    public JwtAuthenticator(Map<String, JWKSet> trustedIssuers, Clock clock, Duration skew) {
        this.trustedIssuers = Map.copyOf(trustedIssuers);
        this.clock = clock;
        this.skew = skew;
    }

    /** The reason to reject the call, or empty when the token is valid for {@code audience}. */
    public Optional<String> reject(String authorizationHeader, String audience) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return Optional.of("no bearer token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
        } catch (ParseException e) {
            return Optional.of("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!JWSAlgorithm.RS384.equals(alg) && !JWSAlgorithm.ES384.equals(alg)) {
            return Optional.of("algorithm " + alg + " is not allowed (RS384 or ES384 only)");
        }
        if (header.getKeyID() == null) {
            return Optional.of("no kid in the header");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.of("unreadable claims");
        }
        String iss = claims.getIssuer();
        JWKSet keys = iss == null ? null : trustedIssuers.get(iss);
        if (keys == null) {
            return Optional.of("issuer is not trusted");
        }
        JWK key = keys.getKeyByKeyId(header.getKeyID());
        if (key == null) {
            return Optional.of("unknown kid for the issuer");
        }
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa && JWSAlgorithm.RS384.equals(alg) ? new RSASSAVerifier(rsa)
                    : key instanceof ECKey ec && JWSAlgorithm.ES384.equals(alg) ? new ECDSAVerifier(ec) : null;
            if (verifier == null) {
                return Optional.of("key type does not match the algorithm");
            }
            if (!jwt.verify(verifier)) {
                return Optional.of("bad signature");
            }
        } catch (Exception e) {
            return Optional.of("signature could not be verified");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return Optional.of("aud does not name this endpoint");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(skew).isBefore(now)) {
            return Optional.of(exp == null ? "no exp" : "expired");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(skew).isAfter(now)) {
            return Optional.of(iat == null ? "no iat" : "iat is in the future");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            return Optional.of("no jti");
        }
        if (seenJti.size() > MAX_REMEMBERED_JTI) {
            seenJti.values().removeIf(expiry -> expiry.isBefore(now));
        }
        if (seenJti.putIfAbsent(iss + " " + jti, exp.toInstant().plus(skew)) != null) {
            return Optional.of("jti replayed");
        }
        return Optional.empty();
    }
}
