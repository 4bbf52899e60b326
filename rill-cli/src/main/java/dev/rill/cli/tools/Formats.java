package dev.rill.cli.tools;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** How a key or value is written as text: as UTF-8 text, or as bytes in base64 or hex. */
enum Formats {
    string {
        @Override
        byte[] decode(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        String encode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    },
    base64 {
        @Override
        byte[] decode(String text) {
            return Base64.getDecoder().decode(text);
        }

        @Override
        String encode(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    },
    hex {
        @Override
        byte[] decode(String text) {
            return HexFormat.of().parseHex(text);
        }

        @Override
        String encode(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
    };

    /** The bytes a text stands for; {@link IllegalArgumentException} if it is not in this format. */
    abstract byte[] decode(String text);

    abstract String encode(byte[] bytes);
}
