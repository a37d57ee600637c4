package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The script modules a page loads, found the way a browser finds them: the page's
 * {@code <script src>}, then every static {@code import}/{@code export … from} of each module,
 * resolved against the module's URL, transitively. Fails on an import it cannot read, a dynamic
 * {@code import()} (a walk could not see where it leads) and a specifier that is not a path on
 * the server (bare names, other origins).
 */
final class PageModules {
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"");
    private static final Pattern IMPORT_LINE = Pattern.compile("(?m)^[ \\t]*(?:import|export)\\b");
    private static final Pattern FROM = Pattern.compile("\\G[ \\t]*(?:import|export)\\s[^;'\"]*?\\sfrom\\s*'([^']+)';");
    private static final Pattern BARE_IMPORT = Pattern.compile("\\G[ \\t]*import\\s*'([^']+)';");
    private static final Pattern LOCAL = Pattern.compile("\\G[ \\t]*export\\s+(?:function|var|let|const|class)\\b");

    private PageModules() {}

    /** The modules of the page at path, by their path on the server, each with the answer to its GET. */
    static Map<String, HttpResponse<String>> reachable(ApiTestSupport api, String page) {
        URI base = URI.create(api.base + "/");
        Map<String, HttpResponse<String>> modules = new LinkedHashMap<>();
        Deque<URI> todo = new ArrayDeque<>();
        HttpResponse<String> html = api.send(api.req(page));
        assertThat(html.statusCode()).as(page).isEqualTo(200);
        Matcher scripts = SCRIPT.matcher(html.body());
        while (scripts.find()) {
            todo.add(base.resolve(page).resolve(scripts.group(1)));
        }
        while (!todo.isEmpty()) {
            URI uri = todo.poll();
            assertThat(uri.getRawAuthority()).as("%s is on the server", uri).isEqualTo(base.getRawAuthority());
            String path = uri.getRawPath();
            if (modules.containsKey(path)) {
                continue;
            }
            HttpResponse<String> r = api.send(api.req(path));
            modules.put(path, r);
            if (r.statusCode() == 200) {
                imports(path, r.body()).forEach(spec -> todo.add(uri.resolve(spec)));
            }
        }
        return modules;
    }

    /** The specifiers of the module's static imports (and re-exports). */
    static List<String> imports(String module, String js) {
        assertThat(js).as("%s: no dynamic import()", module).doesNotContainPattern("\\bimport\\s*\\(");
        List<String> specifiers = new ArrayList<>();
        Matcher line = IMPORT_LINE.matcher(js);
        while (line.find()) {
            Matcher from = FROM.matcher(js);
            Matcher bare = BARE_IMPORT.matcher(js);
            if (from.find(line.start())) {
                specifiers.add(from.group(1));
            } else if (bare.find(line.start())) {
                specifiers.add(bare.group(1));
            } else {
                assertThat(LOCAL.matcher(js).find(line.start()))
                        .as(
                                "%s: an import this test can read, at %s",
                                module, js.substring(line.start(), Math.min(js.length(), line.start() + 60)))
                        .isTrue();
            }
        }
        specifiers.forEach(
                s -> assertThat(s).as("%s imports a path on the server", module).matches("(/|\\./|\\.\\./)[^/].*"));
        return specifiers;
    }

    /**
     * The modules of Sharebridge's own code: all but the third-party scripts under
     * {@code /assets/vendor/} (tus-js-client's bundle, pinned by VendoredScriptTest), which the
     * checks on how the pages' code is written do not apply to.
     */
    static Map<String, HttpResponse<String>> ownCode(Map<String, HttpResponse<String>> modules) {
        Map<String, HttpResponse<String>> own = new LinkedHashMap<>(modules);
        assertThat(own.keySet().removeIf(path -> path.startsWith("/assets/vendor/")))
                .as("the pages load the vendored tus-js-client")
                .isTrue();
        return own;
    }
}
