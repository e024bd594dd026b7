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
    /** About this many bytes of reports are held at most (the oldest go first). */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** A report that would hold more than this is not published (its cards carry no link): 4 MiB. */
    static final long MAX_REPORT_BYTES = 4L * 1024 * 1024;
    /** Above this share of the maximum heap in use, no new report is published: the calls come first. */
    static final double MAX_HEAP_SHARE = 0.8;

    /** An evaluation whose report was linked, and its page once rendered. */
    private static final class Pending {
        final SessionContext context;
        final Evaluation evaluation;
        volatile String html;

        Pending(SessionContext context, Evaluation evaluation) {
            this.context = context;
            this.evaluation = evaluation;
        }

        /**
         * The bytes this entry keeps alive, estimated from what it holds: a fixed part and a row per entry, plus every
         * text of the record's medication list and of the cards at two bytes a character (a list of 1,500 medicines
         * with names of 4,000 characters is 12 MB, not "one row").
         */
        long weight() {
            long bytes = 8_192L
                    + 512L
                            * (context.assessments().size()
                                    + context.priorSessions().size()
                                    + context.therapy().size()
                                    + context.medications().entries().size()
                                    + evaluation.cards().size());
            for (var m : context.medications().entries()) {
                bytes += 2L
                        * (length(m.text())
                                + (m.code() == null ? 0 : length(m.code().display())));
                for (var i : m.ingredients()) {
                    bytes += 2L * length(i.label());
                }
            }
            for (var c : evaluation.cards()) {
                bytes += 2L * (length(c.summary()) + length(c.detail()));
                for (String f : c.explanation().facts()) {
                    bytes += 2L * length(f);
                }
            }
            return bytes + 2L * length(html); // the page, once rendered
        }

        private static int length(String s) {
            return s == null ? 0 : s.length();
        }
    }

    private final Cache<String, Pending> pages;
    private final String baseUrl;
    private final org.ketaminecds.CdsEngine engine;
    private final SecureRandom random = new SecureRandom();

    public CourseReports(String baseUrl, org.ketaminecds.CdsEngine engine, Duration lifetime, Ticker ticker) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.engine = Objects.requireNonNull(engine, "engine");
        // Bounded by size, not by count: one page can be megabytes for a long record.
        this.pages = Caffeine.newBuilder()
                .expireAfterWrite(lifetime)
                .maximumWeight(MAX_BYTES)
                .weigher((String id, Pending p) -> (int) Math.min(Integer.MAX_VALUE, p.weight()))
                .ticker(ticker)
                .build();
    }

    @Override
    public String publish(String serviceId, SessionContext context, Evaluation evaluation) {
        Pending pending = new Pending(context, evaluation);
        Runtime heap = Runtime.getRuntime();
        // The cards go out without the link, saying why; the call never pays for a report.
        if (pending.weight() > MAX_REPORT_BYTES) {
            refused.incrementAndGet();
            throw new Unavailable("the record is too large for a linked report");
        }
        if (heap.totalMemory() - heap.freeMemory() > MAX_HEAP_SHARE * heap.maxMemory()) {
            refused.incrementAndGet();
            throw new Unavailable("the service is short of memory");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        pages.put(token, pending);
        return baseUrl + "/reports/" + token;
    }

    /** Reports not published because they were too large or the heap was nearly full. */
    public long refused() {
        return refused.get();
    }

    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /** The page of a report id, or null if unknown or expired. */
    public String page(String token) {
        Pending p = token == null || !token.matches("[A-Za-z0-9_-]{22}") ? null : pages.getIfPresent(token);
        if (p == null) {
            return null;
        }
        String html = p.html;
        if (html == null) {
            html = CourseReport.html(engine, p.context, p.evaluation, false);
            p.html = html;
            pages.asMap().replace(token, p, p); // weighed again with its page, so the bound counts it
        }
        return html;
    }
}
