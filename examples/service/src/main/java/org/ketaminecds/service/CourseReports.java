package org.ketaminecds.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import org.ketaminecds.cds.Evaluation;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.hooks.ReportPublisher;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.report.CourseReport;

/**
 * The course reports the service links its course-overview cards to: each page is kept in memory under a random
 * 128-bit id (base64url, unguessable; no patient identifier in the URL) for a short time, then forgotten. A report
 * is served only by the replica that made it (behind a load balancer, route {@code /reports/} stickily); it is never
 * written to the store, which holds no clinical text.
 */
public final class CourseReports implements ReportPublisher {
    /** How long a report link works by default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    /** At most this many characters of report pages are held (the oldest go first). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final Cache<String, String> pages;
    private final String baseUrl;
    private final SitePolicy policy;
    private final SecureRandom random = new SecureRandom();

    public CourseReports(String baseUrl, SitePolicy policy, Duration lifetime, Ticker ticker) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.policy = Objects.requireNonNull(policy, "policy");
        // Bounded by bytes, not by count: one page can be megabytes for a long record.
        this.pages = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumWeight(MAX_BYTES)
                .weigher((String id, String page) -> page.length()).ticker(ticker).build();
    }

    @Override
    public String publish(String serviceId, SessionContext context, Evaluation evaluation) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        pages.put(token, CourseReport.html(context, evaluation, policy, false));
        return baseUrl + "/reports/" + token;
    }

    /** The page of a report id, or null if unknown or expired. */
    public String page(String token) {
        return token == null || !token.matches("[A-Za-z0-9_-]{22}") ? null : pages.getIfPresent(token);
    }
}
