package org.ketaminecds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ketaminecds.cds.Card;
import org.ketaminecds.cds.Explanation;
import org.ketaminecds.cds.Indicator;
import org.ketaminecds.cds.RuleDescription;
import org.ketaminecds.cds.Source;
import org.ketaminecds.cds.Suggestion;
import org.ketaminecds.fact.Coding;
import org.ketaminecds.fact.SessionContext;
import org.ketaminecds.policy.IndicatorOverride;
import org.ketaminecds.policy.SitePolicy;
import org.ketaminecds.spi.Finding;

/**
 * Turns a rule's {@link Finding} into a CDS Hooks card, stamped with the rule's metadata and the site policy.
 * Not part of the public API.
 */
final class Cards {
    /** Code system of card topics. */
    static final String TOPIC_SYSTEM = "urn:ketaminecds:topic";
    /** HL7 CDS Hooks non-adherence (override) reason codes. */
    static final String OVERRIDE_SYSTEM = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    private static final List<Coding> OVERRIDE_REASONS = List.of(
            new Coding(
                    OVERRIDE_SYSTEM,
                    "action-completed",
                    "Already done: the recommended check or monitoring is in place"),
            new Coding(OVERRIDE_SYSTEM, "cds-not-applicable", "Not applicable to this patient"),
            new Coding(OVERRIDE_SYSTEM, "recipient-disagrees-evidence", "I disagree with the evidence or its grade"));

    private Cards() {}

    /** @param policyLabel the policy's name and content hash, as shown on cards: {@code name (sha256:...)} */
    static Card card(
            RuleDescription rule,
            Finding finding,
            SessionContext context,
            SitePolicy policy,
            String policyLabel,
            String version) {
        IndicatorOverride override = policy.indicatorOverrides().get(rule.id());
        Indicator indicator;
        String note;
        if (override != null) {
            indicator = override.indicator();
            note = "Site policy '" + policy.name() + "' changed this rule's indicator from "
                    + rule.severity().code() + " to " + override.indicator().code() + ": " + override.reason();
        } else if (finding.gradedDown() != null) {
            indicator = lower(rule.severity());
            note = indicator == rule.severity()
                    ? "Kept at " + indicator.code() + ", the lowest indicator: " + finding.gradedDown()
                    : "Shown as " + indicator.code() + " instead of "
                            + rule.severity().code() + ": " + finding.gradedDown();
        } else {
            indicator = rule.severity();
            note = null;
        }
        Explanation explanation = new Explanation(
                rule.id(),
                rule.name(),
                rule.guidanceIds(),
                rule.evidenceIds(),
                rule.source(),
                rule.confidence(),
                finding.facts(),
                version,
                policyLabel,
                note,
                rule.local());
        Coding topic = rule.topic() == null ? null : new Coding(TOPIC_SYSTEM, rule.topic(), null);
        String uuid = uuid(rule.id(), finding.key(), context);
        List<Suggestion> suggestions = new ArrayList<>();
        for (int i = 0; i < finding.suggestions().size(); i++) {
            suggestions.add(new Suggestion(
                    finding.suggestions().get(i),
                    UUID.nameUUIDFromBytes((uuid + '/' + i).getBytes(StandardCharsets.UTF_8))
                            .toString(),
                    i == 0,
                    List.of()));
        }
        return new Card(
                uuid,
                summary(finding.summary()),
                detail(finding, explanation),
                indicator,
                new Source(rule.source(), null, topic),
                suggestions,
                suggestions.isEmpty() ? null : "at-most-one",
                indicator == Indicator.INFO ? List.of() : OVERRIDE_REASONS,
                List.of(),
                explanation);
    }

    /** One step less urgent: critical to warning, warning to info; info stays info. */
    static Indicator lower(Indicator indicator) {
        return indicator == Indicator.CRITICAL ? Indicator.WARNING : Indicator.INFO;
    }

    /** Stable for the same rule, finding key, patient and asOf, so repeated evaluations give the same card. */
    static String uuid(String ruleId, String key, SessionContext context) {
        String name = ruleId + '\u0000' + key + '\u0000' + context.patient().id() + '\u0000' + context.asOfInstant();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Rules keep summaries short; a name typed at length must still not break the card. */
    static String summary(String text) {
        String oneLine = oneLine(text);
        return oneLine.length() <= Card.MAX_SUMMARY ? oneLine : oneLine.substring(0, Card.MAX_SUMMARY - 1) + "\u2026";
    }

    /** Whitespace runs (line breaks included) to one space, trimmed; without a regex (it is on the hot path). */
    static String oneLine(String text) {
        boolean clean = !text.isEmpty() && text.charAt(0) != ' ' && text.charAt(text.length() - 1) != ' ';
        for (int i = 0; clean && i < text.length(); i++) {
            char c = text.charAt(i);
            clean = c == ' ' ? text.charAt(i - 1) != ' ' : (c > ' ' && c < '\u007f') || !Character.isWhitespace(c);
        }
        if (clean || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /**
     * The card's markdown. Every text in it may carry words from the record (a medication as entered, a condition's
     * name) or from a site's files, so each is escaped: it renders as the text it is, never as a link, image, HTML or
     * formatting, and a line break in it cannot start a new block.
     */
    static String detail(Finding finding, Explanation e) {
        if (PROVENANCE.size() > PROVENANCE_LIMIT) {
            PROVENANCE.clear(); // an application that builds engines for ever more policies: start again
        }
        String provenance = PROVENANCE.computeIfAbsent(Provenance.of(e), Cards::provenanceLine);
        // Sized once from its parts (plus room for the markup and a few escapes), not grown from 16 characters.
        int size = finding.action().length() + finding.rationale().length() + provenance.length() + MARKUP;
        for (String fact : e.facts()) {
            size += fact.length() + "- \n".length();
        }
        StringBuilder md = new StringBuilder(
                size + (e.indicatorNote() == null ? 0 : e.indicatorNote().length()));
        md.append(markdownText(finding.action())).append("\n\n");
        md.append("**Why:** ").append(markdownText(finding.rationale())).append("\n\n");
        if (!e.facts().isEmpty()) {
            md.append("**Based on:**\n");
            for (String fact : e.facts()) {
                md.append("- ").append(markdownText(fact)).append('\n');
            }
            md.append('\n');
        }
        if (e.indicatorNote() != null) {
            md.append("**Indicator:** ").append(markdownText(e.indicatorNote())).append("\n\n");
        }
        md.append(provenance);
        return md.toString();
    }

    /** The headings, line breaks and a few escapes a card's markdown adds to its texts. Not a clinical number. */
    private static final int MARKUP = 96;

    /** The parts of an explanation the provenance line shows: the same for every card of a rule in one engine. */
    private record Provenance(
            String ruleId,
            boolean local,
            List<String> guidanceIds,
            String source,
            String confidence,
            List<String> evidenceIds,
            String ruleSetVersion,
            String policy) {
        static Provenance of(Explanation e) {
            return new Provenance(
                    e.ruleId(),
                    e.local(),
                    e.guidanceIds(),
                    e.source(),
                    e.confidence(),
                    e.evidenceIds(),
                    e.ruleSetVersion(),
                    e.policy());
        }
    }

    /**
     * Provenance lines rendered once per rule and policy (measured: escaping them per card was a tenth of an
     * evaluation). Bounded by the rules times the policies an application uses; a map, not a cache, because both are
     * few and fixed.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Provenance, String> PROVENANCE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int PROVENANCE_LIMIT = 10_000;

    private static String provenanceLine(Provenance e) {
        return "**Rule:** "
                + markdownText(e.ruleId())
                + (e.local() ? " (a local rule of this site)" : "")
                + " · guidance "
                + markdownText(String.join(", ", e.guidanceIds()))
                + " · source: "
                + markdownText(e.source())
                + " (evidence "
                + markdownText(e.confidence())
                + (e.evidenceIds().isEmpty() ? "" : "; " + markdownText(String.join(", ", e.evidenceIds())))
                + ')'
                + " · rule set "
                + markdownText(e.ruleSetVersion())
                + " · policy "
                + markdownText(e.policy());
    }

    /** Characters that CommonMark (and GitHub's extensions) give a meaning to inside a line; '@' starts e-mail links. */
    private static final String MARKDOWN_SPECIAL = "\\`*_[]<>|~!#&{}@";
    /** URI schemes whose colon would start an autolink without brackets (GitHub-style extended autolinks). */
    private static final String[] SCHEMES = {
        "http", "https", "ftp", "mailto", "javascript", "data", "file", "vbscript", "tel"
    };

    private static final int SHORTEST_SCHEME =
            java.util.Arrays.stream(SCHEMES).mapToInt(String::length).min().orElseThrow();
    private static final int LONGEST_SCHEME =
            java.util.Arrays.stream(SCHEMES).mapToInt(String::length).max().orElseThrow();

    /**
     * Plain text as markdown, in one pass: on one line; every markdown-special character backslash-escaped; the colon
     * of a URI scheme and the dot of "www." escaped too, so no renderer turns an address into a link; bidirectional
     * overrides and zero-width characters, which could make the text read differently than it is, removed.
     */
    static String markdownText(String text) {
        String line = oneLine(text);
        int first = firstToEscape(line);
        if (first == line.length()) {
            return line; // most texts: nothing to escape or remove, no copy
        }
        StringBuilder out = new StringBuilder(line.length() + 16).append(line, 0, first);
        for (int i = first; i < line.length(); i++) {
            char c = line.charAt(i);
            if (invisible(c)) {
                continue;
            }
            if (special(c) || ((c == ':' || c == '.') && startsLink(line, i, c))) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The index of the first character that is escaped or removed, or the length when there is none. */
    private static int firstToEscape(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (invisible(c) || special(c) || ((c == ':' || c == '.') && startsLink(line, i, c))) {
                return i;
            }
        }
        return line.length();
    }

    /** Bidirectional overrides and zero-width characters: removed. */
    private static boolean invisible(char c) {
        return c >= '\u200B'
                && ((c <= '\u200F')
                        || (c >= '\u202A' && c <= '\u202E')
                        || (c >= '\u2060' && c <= '\u2069')
                        || c == '\uFEFF');
    }

    /** A markdown-special character ({@link #MARKDOWN_SPECIAL}), by table (an indexOf per character was measured hot). */
    private static boolean special(char c) {
        return c < SPECIAL.length && SPECIAL[c];
    }

    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : MARKDOWN_SPECIAL.toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    /**
     * Whether the colon or dot at {@code i} ends a URI scheme ("https:") or "www." that begins a word. Allocation-free:
     * it runs for every colon and full stop of every card.
     */
    private static boolean startsLink(String line, int i, char c) {
        char before = i == 0 ? ' ' : line.charAt(i - 1);
        if (c == '.') {
            return (before == 'w' || before == 'W')
                    && i >= 3
                    && line.regionMatches(true, i - 3, "www", 0, 3)
                    && (i == 3 || !isLetterOrDigit(line.charAt(i - 4)));
        }
        if (!isLetter(before)) {
            return false; // every scheme ends in a letter
        }
        // The ASCII word that ends at the colon must be a scheme as a whole (a scheme preceded by a letter or digit
        // is no link): one backward scan, then only the schemes of that length are compared (measured: comparing
        // every scheme at every colon was the largest single cost of building cards).
        int start = i;
        while (start > 0 && i - start <= LONGEST_SCHEME && isAsciiLetter(line.charAt(start - 1))) {
            start--;
        }
        int length = i - start;
        if (length < SHORTEST_SCHEME
                || length > LONGEST_SCHEME
                || (start > 0 && isLetterOrDigit(line.charAt(start - 1)))) {
            return false;
        }
        for (String scheme : SCHEMES) {
            if (scheme.length() == length && line.regionMatches(true, start, scheme, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** {@link Character#isLetter(char)} with an ASCII fast path (measured: the JDK's lookup was 8% of an evaluation). */
    private static boolean isLetter(char c) {
        char lower = (char) (c | 0x20);
        return c < '\u0080' ? lower >= 'a' && lower <= 'z' : Character.isLetter(c);
    }

    private static boolean isAsciiLetter(char c) {
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'z';
    }

    private static boolean isLetterOrDigit(char c) {
        return c < '\u0080' ? isLetter(c) || (c >= '0' && c <= '9') : Character.isLetterOrDigit(c);
    }
}
