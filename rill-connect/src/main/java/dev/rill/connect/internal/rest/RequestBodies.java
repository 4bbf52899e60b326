package dev.rill.connect.internal.rest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.rill.connect.internal.herder.RequestException;

/**
 * Turns a request body into JSON text, refusing what Apache Kafka Connect refuses (a content type other than JSON:
 * 415) and what it would silently garble (bytes that are not UTF-8: 400), before anything is parsed or created.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body as text. A request without a {@code Content-Type} is read as JSON (as curl users expect); one with
     * another media type than {@code application/json} gets 415.
     */
    static String jsonText(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank() && !isJson(contentType)) {
            throw new RequestException(415, "Content-Type '" + contentType + "' is not supported: the body must be "
                    + "JSON sent with 'Content-Type: application/json'");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw RequestException.badRequest("The request body is not valid UTF-8 (first bad byte at offset "
                    + firstBadByte(body) + "); send JSON encoded as UTF-8");
        }
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }

    private static int firstBadByte(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
