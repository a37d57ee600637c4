package dev.sharebridge.adapter.http.javalin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sharebridge.domain.InvalidValueException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.EndpointMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON configuration of the API: snake_case, ISO-8601 instants, strict request parsing
 * (unknown fields and wrong types are refused instead of coerced), bounded request bodies.
 */
public final class Json {
    public static final String JSON = "application/json";
    /** How much of an oversized body is read and dropped before answering 413. */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public Json(int maxBytes) {
        this.maxBytes = maxBytes;
        JsonMapper m = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // a string field must be a JSON string, a number a JSON number: no silent conversion
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(32).build());
        this.mapper = m;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The route metadata of the routes that read their body as JSON ({@link #route}). */
    public static final class Body implements EndpointMetadata {
        private Body() {}
    }

    private static final Body BODY = new Body();

    /**
     * Registers a route that reads its body as JSON. Its metadata says so, and
     * {@link #checkMediaType}, run before every matched route, refuses such a route a body that
     * is not JSON before the route does anything.
     */
    public static void route(RoutesConfig routes, HandlerType method, String path, Handler handler) {
        routes.addEndpoint(Endpoint.create(method, path).addMetadata(BODY).handler(handler));
    }

    /**
     * {@code 415 unsupported_media_type} when the matched route reads its body as JSON and the
     * request's body is not declared as JSON: a {@code Content-Type} other than
     * {@code application/json} or {@code application/*+json} (with no charset or UTF-8), or a
     * body without one. A request without a body may leave the type out (the route then reads
     * an empty object). Browsers send {@code text/plain} and form bodies to other sites without
     * asking them first; a JSON body they do not send without the site's consent.
     */
    public static void checkMediaType(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched == null || matched.metadata(Body.class) == null) {
            return;
        }
        String type = ctx.req().getHeader("Content-Type");
        if (type == null ? hasBody(ctx) : !isJson(type)) {
            throw new HttpProblem(
                    415,
                    "unsupported_media_type",
                    "the request body must be JSON, sent as Content-Type: application/json",
                    Map.of());
        }
    }

    private static boolean hasBody(Context ctx) {
        return ctx.req().getContentLengthLong() > 0 || ctx.req().getHeader("Transfer-Encoding") != null;
    }

    /** {@code application/json} or {@code application/*+json}, with no charset parameter or UTF-8. */
    static boolean isJson(String contentType) {
        String[] parts = contentType.split(";", -1);
        String media = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = media.equals(JSON)
                || (media.startsWith("application/")
                        && media.endsWith("+json")
                        && media.length() > "application/+json".length()
                        && media.indexOf('/') == media.lastIndexOf('/'));
        if (!json) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i];
            int eq = parameter.indexOf('=');
            if (eq < 0 || !parameter.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                continue;
            }
            String charset = parameter.substring(eq + 1).strip();
            if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                charset = charset.substring(1, charset.length() - 1);
            }
            if (!charset.equalsIgnoreCase("utf-8")) {
                return false; // JSON is UTF-8 (RFC 8259)
            }
        }
        return true;
    }

    /** Serialises a response value. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Answers {@code value} as JSON with {@code status}: the last step of a handler. The body goes
     * straight into the response buffer, not through Javalin's result stream, which copies every
     * answer through a buffer of its own. Jetty sends it, with its length, when the request
     * completes (after the access log line), unless it is larger than the buffer.
     */
    public void respond(Context ctx, int status, Object value) {
        byte[] body = write(value);
        ctx.status(status).contentType(JSON);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the request body (at most {@code maxJsonBytes}) as a JSON tree; an empty body is an
     * empty object.
     */
    public JsonNode readTree(Context ctx) {
        byte[] body = readLimited(ctx);
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(utf8(body));
            return node == null ? mapper.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("body", "the request body is not valid JSON");
        }
    }

    /**
     * JSON is UTF-8 (RFC 8259). Jackson, given bytes, takes UTF-16 and UTF-32 bodies as well and
     * decodes overlong forms ({@code C0 80} as NUL) instead of refusing them, so the body is
     * decoded strictly first and Jackson parses the text.
     */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidValueException("body", "the request body is not UTF-8");
        }
    }

    /** Reads the request body as a record of {@code type}; unknown fields and wrong types are 400. */
    public <T> T read(Context ctx, Class<T> type) {
        JsonNode tree = readTree(ctx);
        if (!tree.isObject()) {
            throw new InvalidValueException("body", "the request body must be a JSON object");
        }
        return convert(tree, type, null);
    }

    /** Converts one tree into {@code type}, reporting errors against {@code field} (or the failing path). */
    public <T> T convert(JsonNode node, Class<T> type, String field) {
        try {
            return mapper.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            String name = prefixed(field, pathOf(e));
            throw new InvalidValueException(name, "unknown field '" + name + "'");
        } catch (JsonMappingException e) {
            String name = prefixed(field, pathOf(e));
            // a JSON number the field cannot hold (max_accesses: 99999999999999999999) is of the right kind
            boolean range =
                    e.getOriginalMessage() != null && e.getOriginalMessage().contains("out of range");
            throw new InvalidValueException(
                    name.isEmpty() ? "body" : name,
                    "field '" + name + "' " + (range ? "is out of range" : "has the wrong type"));
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("body", "the request body is not valid JSON");
        }
    }

    /** Parses an ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) given for {@code field}. */
    public static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, field + " must be an ISO-8601 UTC time like 2026-12-01T10:00:00Z");
        }
    }

    private static String prefixed(String field, String path) {
        if (field == null) {
            return path;
        }
        return path.isEmpty() ? field : field + "." + path;
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /**
     * Reads and drops the rest of an oversized body, up to {@link #DRAIN_LIMIT}, so that a client
     * still sending it reads our 413 instead of a connection reset. Beyond the limit the
     * connection is simply closed after the answer.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = DRAIN_LIMIT;
        int n;
        while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
            left -= n;
        }
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) {
                drain(in);
                throw HttpProblem.tooLarge(maxBytes);
            }
            byte[] buf = in.readNBytes(maxBytes + 1);
            if (buf.length > maxBytes) {
                drain(in);
                throw HttpProblem.tooLarge(maxBytes);
            }
            return buf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
