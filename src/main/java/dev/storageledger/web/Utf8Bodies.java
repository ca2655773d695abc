package dev.storageledger.web;

import dev.storageledger.failure.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Every JSON request body is UTF-8 (RFC 8259 requires it of JSON), and is refused with 400 before it is read otherwise: a
 * charset other than UTF-8 would be ignored (the body read as UTF-8 all the same), and Jackson decodes an overlong form
 * (C0 AF) as the character it spells ('/'), which lets a text carry what a check of its bytes would have refused.
 */
@ControllerAdvice
class Utf8Bodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return JsonNode.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        MediaType type = message.getHeaders().getContentType();
        String charset = type == null ? null : type.getParameter("charset");
        if (charset != null && !unquoted(charset).equalsIgnoreCase("utf-8")) {
            throw Failure.invalid("The request body must be UTF-8 (charset=utf-8, or no charset), not " + unquoted(charset));
        }
        byte[] body = message.getBody().readAllBytes();
        int malformed = firstMalformed(body);
        if (malformed >= 0) {
            throw Failure.invalid("The request body is not UTF-8: the bytes at offset " + malformed
                    + " are no character (an overlong form, a surrogate, or a malformed sequence)");
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * The offset of the first byte that begins no well-formed UTF-8 sequence (the Unicode Standard's table 3-7: no
     * overlong form, no surrogate, nothing past U+10FFFF), or -1 when every byte is part of one.
     */
    static int firstMalformed(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xff;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length;
            int secondLow = 0x80;
            int secondHigh = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                length = 2;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                length = 3;
                secondLow = lead == 0xe0 ? 0xa0 : 0x80; // E0 80..9F would be overlong
                secondHigh = lead == 0xed ? 0x9f : 0xbf; // ED A0..BF would be a surrogate
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                length = 4;
                secondLow = lead == 0xf0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                secondHigh = lead == 0xf4 ? 0x8f : 0xbf; // F4 90.. would be past U+10FFFF
            } else {
                return i; // a continuation byte, C0 or C1 (overlong), or F5..FF
            }
            if (i + length > bytes.length) {
                return i;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < secondLow || second > secondHigh) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
