package dev.portico.command.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.json.JsonParseException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@link EjsonBody} parameters, strictly and within bounds, before a controller does any work: at most
 * {@code maxBodySize} bytes are read; the body must be {@code application/json}, valid UTF-8, one object,
 * without duplicate keys, without control characters in its strings, and within the depth, field and string
 * limits. Only then is it parsed as Extended JSON by the BSON library, whose recursive reader never sees a body
 * deeper than the limit.
 */
@Component
class EjsonBodies implements HandlerMethodArgumentResolver {
    private final RequestLimits limits;
    private final JsonFactory json;

    EjsonBodies(RequestLimits limits) {
        this.limits = limits;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxJsonDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(64)
                        .maxNameLength(limits.maxStringLength())
                        .build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == EjsonBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) throws IOException {
        var servletRequest = request.getNativeRequest(jakarta.servlet.http.HttpServletRequest.class);
        long max = limits.maxBodySize().toBytes();
        if (servletRequest.getContentLengthLong() > max) {
            throw tooLarge("the request body is larger than " + max + " bytes");
        }
        // Checked before reading: the container reads a form body itself, and would leave nothing to judge.
        if (servletRequest.getContentType() != null && servletRequest.getContentLengthLong() != 0
                && !isJson(servletRequest.getContentType())) {
            throw notJson();
        }
        byte[] body;
        try (InputStream in = servletRequest.getInputStream()) {
            body = in.readNBytes((int) max + 1);
        }
        if (body.length > max) {
            throw tooLarge("the request body is larger than " + max + " bytes");
        }
        return new EjsonBody(parse(body, servletRequest.getContentType()));
    }

    BsonDocument parse(byte[] body, String contentType) throws IOException {
        if (isBlank(body)) {
            return new BsonDocument();
        }
        if (!isJson(contentType)) {
            throw notJson();
        }
        String text = strictUtf8(body);
        check(text);
        try {
            return BsonDocument.parse(text);
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The JDK's decoder, not the JSON parser's, refuses every malformed sequence (encoded surrogates too). */
    private static String strictUtf8(byte[] body) {
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw invalid();
        }
    }

    private void check(String body) throws IOException {
        int values = 0;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if ((token.isScalarValue() || token.isStructStart()) && ++values > limits.maxJsonFields()) {
                    throw tooLarge("the request body has more than " + limits.maxJsonFields() + " fields");
                }
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    requireNoControlCharacters(parser.getText());
                }
            }
        } catch (StreamConstraintsException e) {
            throw tooLarge("the request body exceeds a limit: " + e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid();
        }
    }

    /** NUL and other control characters have no place in a name, address or credential, and would reach SQL. */
    private static void requireNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                throw new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.InvalidParameter,
                        "invalid request body: control characters are not allowed in strings");
            }
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static ClientApiException notJson() {
        return new ClientApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BadRequest,
                "the request body must be application/json");
    }

    private static ClientApiException invalid() {
        return ClientApiException.badRequest("invalid request body: expected a JSON object");
    }

    static ClientApiException tooLarge(String message) {
        return new ClientApiException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.BadRequest, message);
    }
}
