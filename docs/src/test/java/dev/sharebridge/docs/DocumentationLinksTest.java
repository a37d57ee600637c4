package dev.sharebridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Someone with only this repository can follow every reference in it. */
class DocumentationLinksTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    @Test
    void everyRelativeLinkInTheDocsLeadsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : files(".md")) {
            Matcher m = MARKDOWN_LINK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) {
                    continue;
                }
                if (!Files.exists(page.getParent().resolve(target))) {
                    broken.add(REPOSITORY.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void nothingCitesADocumentOutsideTheRepository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (String ending : List.of(".java", ".md", ".js", ".yaml", ".html")) {
            for (Path file : files(ending)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.matches("(?s).*contract\\s+(\\*\\s+)?\u00a7.*")
                        || text.contains("contract.md")
                        || text.contains("../shared/")) {
                    outside.add(REPOSITORY.relativize(file).toString());
                }
            }
        }
        assertThat(outside).isEmpty();
    }

    private static List<Path> files(String ending) throws IOException {
        try (Stream<Path> all = Files.walk(REPOSITORY)) {
            return all.filter(p -> p.toString().endsWith(ending))
                    .filter(p ->
                            !REPOSITORY.relativize(p).toString().matches("(^|.*/)(target|node_modules|\\.git)(/.*|$)"))
                    .filter(p -> !p.equals(
                            REPOSITORY.resolve("docs/src/test/java/dev/sharebridge/docs/DocumentationLinksTest.java")))
                    .toList();
        }
    }
}
