package org.ketaminecds.policy;

/**
 * One way a site policy differs from the shipped defaults, with the site's reason.
 *
 * @param key the setting, e.g. {@code settings.spo2Minimum} or {@code disabledRules.MED-023}
 * @param shipped the shipped default, in words
 * @param site the site's value, in words
 * @param reason the site's written reason
 * @since 0.1.0
 */
public record PolicyChange(String key, String shipped, String site, String reason) {}
