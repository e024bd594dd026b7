package org.ketaminecds.cds;

import java.util.Objects;

/**
 * CDS Hooks link. {@code type} is {@code absolute} or {@code smart}.
 *
 * @since 0.1.0
 */
public record Link(String label, String url, String type) {
    public Link {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(url, "url");
        if (!"absolute".equals(type) && !"smart".equals(type)) {
            throw new IllegalArgumentException("link.type must be absolute or smart, was '" + type + "'");
        }
    }
}
