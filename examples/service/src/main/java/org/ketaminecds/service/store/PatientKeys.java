package org.ketaminecds.service.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash (HMAC-SHA256) that stands for a patient in the store. Without the deployment's secret the stored
 * value cannot be matched to a patient id, so the tables are not a patient index. Thread-safe.
 */
final class PatientKeys {
    private final SecretKeySpec key;

    PatientKeys(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the store key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** 64 hex digits, or null for no patient. */
    String of(String patientId) {
        if (patientId == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The keyed hash of any text (a card uuid, a card's facts): 64 hex digits, or null for null. */
    String keyed(String text) {
        return of(text);
    }

    /** SHA-256 of a text, 64 hex digits (fingerprints and token keys; not secret). */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
