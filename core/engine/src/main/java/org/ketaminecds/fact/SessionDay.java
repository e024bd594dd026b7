package org.ketaminecds.fact;

import java.time.Instant;

/**
 * Session-day preparation and setting. Every field is optional: absent means "not recorded", which rules treat
 * as unknown (and prompt for), never as "done".
 *
 * @param lastFoodAt when the patient last ate
 * @param lastFluidsAt when the patient last drank
 * @param nasalSteroidOrDecongestantAt when a nasal corticosteroid or decongestant was last used that day
 * @param transportArranged whether a ride home is arranged (no driving until the next day after restful sleep)
 * @param responsibleAdultPresent whether a responsible adult will accompany the patient home
 * @param prescriberOnSite whether a prescriber is on site for administration and monitoring (esketamine REMS)
 * @param pulseOximeterOnSite whether a pulse oximeter is available (esketamine REMS)
 * @since 0.1.0
 */
public record SessionDay(
        Instant lastFoodAt,
        Instant lastFluidsAt,
        Instant nasalSteroidOrDecongestantAt,
        Boolean transportArranged,
        Boolean responsibleAdultPresent,
        Boolean prescriberOnSite,
        Boolean pulseOximeterOnSite) {}
