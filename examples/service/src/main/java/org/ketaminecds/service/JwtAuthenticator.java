package org.ketaminecds.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the bearer JWT that CDS Hooks clients send with every call: signed with RS384 or ES384 (never {@code none}
 * or HMAC) by a key of an allow-listed issuer, {@code aud} equal to the called endpoint's URL, {@code exp} not passed,
 * {@code iat} not in the future, {@code nbf} (if given) reached, a short life (exp - iat, and exp - now, at most
 * {@link #MAX_LIFETIME}, as the CDS Hooks specification recommends), and a {@code jti} not seen before. Thread-safe.
 * Tokens are never logged; the reason for a rejection is returned for the host to log at DEBUG, and the client gets a
 * bare 401.
 *
 * <p>Replay protection: seen {@code jti} values are kept (Caffeine, each until its token expires) by a
 * {@link ReplayGuard}. The default, in memory, is lost on restart, so it refuses tokens issued before this process
 * started (by their {@code iat}, without the tolerated clock difference): a token seen by an earlier process, even a
 * second before the restart, is not accepted again. An issuer whose clock runs ahead of ours could replay within that
 * difference; a shared store closes even that. A shared store (the service's
 * database) lifts that restriction and protects every replica.
 */
public final class JwtAuthenticator {
    /** The longest token life accepted: five minutes. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** Remembers the jti values of accepted tokens. */
    public interface ReplayGuard {
        /** Records {@code key} until {@code expiry}; false if it was already recorded (a replay). */
        boolean firstUse(String key, Instant expiry);

        /** Whether tokens issued before this guard existed may be accepted (true only for a shared, durable store). */
        default boolean remembersEarlierProcesses() {
            return false;
        }
    }

    /** Outcome of a check: the token's issuer, or why it was refused. */
    public record Verdict(String issuer, String rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    private final Map<String, JWKSet> trustedIssuers;
    private final Clock clock;
    private final Duration skew;
    private final ReplayGuard replayGuard;
    private final Instant started;

    /**
     * @param trustedIssuers issuer ({@code iss}) to the public keys it signs with
     * @param skew tolerated clock difference for {@code exp}, {@code iat} and {@code nbf}
     */
    public JwtAuthenticator(Map<String, JWKSet> trustedIssuers, Clock clock, Duration skew) {
        this(trustedIssuers, clock, skew, inMemory(clock));
    }

    public JwtAuthenticator(Map<String, JWKSet> trustedIssuers, Clock clock, Duration skew, ReplayGuard replayGuard) {
        this.trustedIssuers = Map.copyOf(trustedIssuers);
        this.clock = clock;
        this.skew = skew;
        this.replayGuard = replayGuard;
        this.started = clock.instant();
    }

    /** The trusted issuers. */
    public java.util.Set<String> issuers() {
        return trustedIssuers.keySet();
    }

    /** An in-memory guard: each jti kept until its token expires, then evicted (no scans, bounded by time). */
    public static ReplayGuard inMemory(Clock clock) {
        Cache<String, Instant> seen = Caffeine.newBuilder()
                .expireAfter(new Expiry<String, Instant>() {
                    @Override
                    public long expireAfterCreate(String key, Instant expiry, long currentTime) {
                        return Math.max(
                                0, Duration.between(clock.instant(), expiry).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Instant expiry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Instant expiry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
        return (key, expiry) -> seen.asMap().putIfAbsent(key, expiry) == null;
    }

    /** The reason to reject the call, or empty when the token is valid for {@code audience}. */
    public Optional<String> reject(String authorizationHeader, String audience) {
        return Optional.ofNullable(check(authorizationHeader, audience).rejection());
    }

    /** Checks the token for {@code audience}: its issuer if valid, else why not. */
    public Verdict check(String authorizationHeader, String audience) {
        if (authorizationHeader == null
                || authorizationHeader.length() < 7
                || !authorizationHeader.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return refuse("no bearer token");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorizationHeader.substring(7).strip());
        } catch (ParseException e) {
            return refuse("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (!JWSAlgorithm.RS384.equals(alg) && !JWSAlgorithm.ES384.equals(alg)) {
            return refuse("algorithm " + alg + " is not allowed (RS384 or ES384 only)");
        }
        if (header.getKeyID() == null) {
            return refuse("no kid in the header");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refuse("unreadable claims");
        }
        String iss = claims.getIssuer();
        JWKSet keys = iss == null ? null : trustedIssuers.get(iss);
        if (keys == null) {
            return refuse("issuer is not trusted");
        }
        JWK key = keys.getKeyByKeyId(header.getKeyID());
        if (key == null) {
            return refuse("unknown kid for the issuer");
        }
        try {
            JWSVerifier verifier = key instanceof RSAKey rsa && JWSAlgorithm.RS384.equals(alg)
                    ? new RSASSAVerifier(rsa)
                    : key instanceof ECKey ec && JWSAlgorithm.ES384.equals(alg) ? new ECDSAVerifier(ec) : null;
            if (verifier == null) {
                return refuse("key type does not match the algorithm");
            }
            if (!jwt.verify(verifier)) {
                return refuse("bad signature");
            }
        } catch (Exception e) {
            return refuse("signature could not be verified");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            return refuse("aud does not name this endpoint");
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(skew).isBefore(now)) {
            return refuse(exp == null ? "no exp" : "expired");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(skew).isAfter(now)) {
            return refuse(iat == null ? "no iat" : "iat is in the future");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
            return refuse("not valid yet (nbf)");
        }
        Duration life = Duration.between(iat.toInstant(), exp.toInstant());
        if (life.compareTo(MAX_LIFETIME.plus(skew)) > 0
                || Duration.between(now, exp.toInstant()).compareTo(MAX_LIFETIME.plus(skew)) > 0) {
            return refuse("token lives longer than " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        // Without a record that outlives the process, a token issued before this process started is refused: its
        // use before the restart is forgotten. The skew is not granted here (it was: a token used up to a minute
        // before a restart was accepted again). iat has whole seconds, so the start counts from its second.
        if (!replayGuard.remembersEarlierProcesses()
                && iat.toInstant().isBefore(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
            return refuse("issued before this service started (its replay record is gone)");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            return refuse("no jti");
        }
        if (!replayGuard.firstUse(iss + " " + jti, exp.toInstant().plus(skew))) {
            return refuse("jti replayed");
        }
        return new Verdict(iss, null);
    }

    private static Verdict refuse(String why) {
        return new Verdict(null, why);
    }
}
