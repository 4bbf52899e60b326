package dev.rill.connect.internal.storage;

import java.util.Arrays;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The distributed group's session key: a secret the leader generates and writes to the config topic (record
 * {@code session-key}: {@code {"key": <base64>, "algorithm": <key generation algorithm>, "creation-timestamp":
 * <ms>}}, Apache Kafka Connect's format), with which workers sign and check internal requests.
 */
public record SessionKey(byte[] key, String algorithm, long creationTimestamp) {

    public SessionKey {
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public SecretKey secretKey() {
        return new SecretKeySpec(key, algorithm);
    }

    /** True once the key is older than {@code ttlMs} at {@code nowMs}: the leader then writes a new one. */
    public boolean expired(long nowMs, long ttlMs) {
        return nowMs - creationTimestamp >= ttlMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKey k && Arrays.equals(key, k.key) && algorithm.equals(k.algorithm)
                && creationTimestamp == k.creationTimestamp;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Long.hashCode(creationTimestamp);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "SessionKey[" + algorithm + ", created " + creationTimestamp + "]";
    }
}
