package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.http.javalin.openapi.OpenApiRoutes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} is a valid OpenAPI 3 document by a real parser (swagger-parser, the
 * one client generators use), without a single message, and has what a generated client needs:
 * a stable camelCase {@code operationId} per operation, described tags, and every error as
 * problem+json.
 */
class OpenApiValidationTest {
    private static SwaggerParseResult parsed;
    private static OpenAPI api;

    @BeforeAll
    static void parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true); // responses and headers inlined: the checks see what clients see
        parsed = new OpenAPIV3Parser()
                .readContents(new String(OpenApiRoutes.load(), StandardCharsets.UTF_8), null, options);
        api = parsed.getOpenAPI();
    }

    /** Every operation by {@code METHOD path}. */
    private static Map<String, Operation> operations() {
        Map<String, Operation> all = new TreeMap<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, op) -> all.put(method + " " + path.getKey(), op));
        }
        return all;
    }

    @Test
    void theParserReadsTheDocumentWithoutAnyMessage() {
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(operations()).hasSizeGreaterThan(40);
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationId() {
        Set<String> seen = new HashSet<>();
        operations().forEach((route, op) -> {
            assertThat(op.getOperationId())
                    .as("operationId of %s", route)
                    .isNotNull()
                    .matches("[a-z][a-zA-Z0-9]+");
            assertThat(seen.add(op.getOperationId()))
                    .as("%s: operationId %s is taken", route, op.getOperationId())
                    .isTrue();
        });
        assertThat(operations().get("GET /api/s/{token}").getOperationId()).isEqualTo("openShareLink");
        assertThat(operations().get("POST /api/s/{token}/verify").getOperationId())
                .isEqualTo("verifySharePassword");
    }

    @Test
    void everyTagIsDeclaredWithADescriptionAndUsed() {
        Set<String> declared = new HashSet<>();
        for (Tag tag : api.getTags()) {
            assertThat(tag.getDescription())
                    .as("description of tag %s", tag.getName())
                    .isNotBlank();
            declared.add(tag.getName());
        }
        Set<String> used = new HashSet<>();
        operations().forEach((route, op) -> {
            assertThat(op.getTags()).as("tags of %s", route).hasSize(1);
            used.addAll(op.getTags());
        });
        assertThat(used).isEqualTo(declared);
    }

    @Test
    void everyErrorAnswerIsProblemJsonWithTheRequestId() {
        List<String> notProblems = new ArrayList<>();
        operations()
                .forEach((route, op) -> op.getResponses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        if (!isProblem(response) && !(route.equals("GET /health") && status.equals("503"))) {
                            notProblems.add(route + " " + status);
                        }
                        if (response.getHeaders() == null
                                || !response.getHeaders().containsKey("X-Request-Id")) {
                            notProblems.add(route + " " + status + " without X-Request-Id");
                        }
                    }
                }));
        assertThat(notProblems).isEmpty();
    }

    /** Those whose only errors are the ones every route can give (405, listed in info.description). */
    private static final Set<String> NO_ERRORS_OF_THEIR_OWN = Set.of("GET /", "GET /metrics", "GET /openapi.yaml");

    @Test
    void everyOperationDocumentsItsErrors() {
        operations().forEach((route, op) -> {
            boolean errors = op.getResponses().keySet().stream().anyMatch(s -> s.startsWith("4") || s.startsWith("5"));
            assertThat(errors).as("%s documents its errors", route).isEqualTo(!NO_ERRORS_OF_THEIR_OWN.contains(route));
        });
    }

    private static boolean isProblem(ApiResponse response) {
        if (response.getContent() == null) {
            return false;
        }
        MediaType problem = response.getContent().get("application/problem+json");
        return problem != null
                        && problem.getSchema() != null
                        && "#/components/schemas/Problem"
                                .equals(problem.getSchema().get$ref())
                || problem != null
                        && problem.getSchema() != null
                        && problem.getSchema().getProperties() != null
                        && problem.getSchema().getProperties().containsKey("code");
    }
}
