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
 * The course reports the service links its course-overview cards to: each evaluation is kept in memory under a random
 * 128-bit id (base64url, unguessable; no patient identifier in the URL) for a short time, then forgotten. The page is
 * rendered when the link is first opened, not on the hook call (most links are never opened). A report
 * is served only by the replica that made it (behind a load balancer, route {@code /reports/} stickily); it is never
 * written to the store, which holds no clinical text.
 */
public final class CourseReports implements ReportPublisher {
    /** How long a report link works by default. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    /** About this many characters of report pages are held at most (the oldest go first). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** An evaluation whose report was linked, and its page once rendered. */
    private static final class Pending {
        final SessionContext context;
        final Evaluation evaluation;
        volatile String html;

        Pending(SessionContext context, Evaluation evaluation) {
            this.context = context;
            this.evaluation = evaluation;
        }

        /** About the size of the page in characters: a fixed part, and a table row or chart point per entry. */
        int weight() {
            return 8_192
                    + 512
                            * (context.assessments().size()
                                    + context.priorSessions().size()
                                    + context.therapy().size()
                                    + evaluation.cards().size());
        }
    }

    private final Cache<String, Pending> pages;
    private final String baseUrl;
    private final SitePolicy policy;
    private final SecureRandom random = new SecureRandom();

    public CourseReports(String baseUrl, SitePolicy policy, Duration lifetime, Ticker ticker) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.policy = Objects.requireNonNull(policy, "policy");
        // Bounded by size, not by count: one page can be megabytes for a long record.
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(lifetime)
                .maximumWeight(MAX_BYTES)
                .weigher((String id, Pending p) -> p.weight())
                .ticker(ticker)
                .build();
    }

    @Override
    public String publish(String serviceId, SessionContext context, Evaluation evaluation) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        pages.put(token, new Pending(context, evaluation));
        return baseUrl + "/reports/" + token;
    }

    /** The page of a report id, or null if unknown or expired. */
    public String page(String token) {
        Pending p = token == null || !token.matches("[A-Za-z0-9_-]{22}") ? null : pages.getIfPresent(token);
        if (p == null) {
            return null;
        }
        String html = p.html;
        if (html == null) {
            html = CourseReport.html(p.context, p.evaluation, policy, false);
            p.html = html;
        }
        return html;
    }
}
