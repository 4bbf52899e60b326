package dev.rill.connect.internal.herder;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.crypto.Mac;

import dev.rill.connect.internal.storage.SessionKey;

/**
 * The signature of an internal request between workers (Apache Kafka Connect's KIP-507 scheme): the HMAC of the
 * request body under the group's {@link SessionKey}, sent base64-encoded in {@value #SIGNATURE_HEADER} with the MAC
 * algorithm in {@value #ALGORITHM_HEADER}.
 *
 * <p>Checking a request ({@link #verify}) gives an answer a client can act on: a 403 {@link RequestException} when
 * the signature is missing, names an algorithm this worker does not accept, or does not match the body.
 */
public final class RequestSignature {
    public static final String SIGNATURE_HEADER = "X-Connect-Authorization";
    public static final String ALGORITHM_HEADER = "X-Connect-Request-Signature-Algorithm";

    private final String signature;
    private final String algorithm;
    private final byte[] body;

    private RequestSignature(String signature, String algorithm, byte[] body) {
        this.signature = signature;
        this.algorithm = algorithm;
        this.body = body;
    }

    /** What a received request carries; {@code header} reads a request header (null when absent). */
    public static RequestSignature fromRequest(Function<String, String> header, byte[] body) {
        return new RequestSignature(header.apply(SIGNATURE_HEADER), header.apply(ALGORITHM_HEADER), body);
    }

    /** The two headers that sign {@code body} under {@code key} with MAC {@code algorithm}. */
    public static Map<String, String> headers(SessionKey key, String algorithm, byte[] body) {
        return Map.of(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(mac(key, algorithm, body)),
                ALGORITHM_HEADER, algorithm);
    }

    /**
     * Throws a 403 {@link RequestException} unless this request is signed under {@code key} with one of
     * {@code accepted} MAC algorithms.
     */
    public void verify(SessionKey key, List<String> accepted, String endpoint) {
        if (signature == null || signature.isBlank()) {
            throw forbidden("Internal request " + endpoint + " is missing its " + SIGNATURE_HEADER + " signature. "
                    + "This endpoint is for workers of the cluster, which sign it with the session key; use the "
                    + "public REST API instead");
        }
        if (algorithm == null || !accepted.contains(algorithm)) {
            throw forbidden("Internal request " + endpoint + " is signed with " + (algorithm == null
                    ? "no " + ALGORITHM_HEADER : "algorithm " + algorithm) + "; this worker accepts " + accepted
                    + " (inter.worker.verification.algorithms)");
        }
        if (key == null) {
            throw forbidden("Internal request " + endpoint + " cannot be checked: this worker has not read a "
                    + "session key yet; retry in a moment");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw forbidden("Internal request " + endpoint + " has a " + SIGNATURE_HEADER + " that is not base64");
        }
        if (!MessageDigest.isEqual(given, mac(key, algorithm, body))) {
            throw forbidden("Internal request " + endpoint + " has an invalid signature: it does not match the "
                    + "request body under the cluster's current session key (the key may have just rotated; a "
                    + "worker of the cluster retries)");
        }
    }

    private static RequestException forbidden(String message) {
        return new RequestException(403, message);
    }

    private static byte[] mac(SessionKey key, String algorithm, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(key.secretKey());
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException e) {
            throw forbidden("MAC algorithm " + algorithm + " is not available in this JVM");
        } catch (InvalidKeyException e) {
            throw forbidden("The session key (" + key.algorithm() + ") cannot be used with " + algorithm + ": "
                    + e.getMessage());
        }
    }
}
