package dev.skewguard.collector.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The front door and the docs tree hold together: the README stays small and keeps its two commands true, and every
 * relative link of README.md and docs/ reaches a file, and a heading when it names one.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

    @Test
    void readmeIsSmallAndItsTwoCommandsAreWhatCiRuns() throws IOException {
        Path readme = RepositoryFiles.resolve("README.md");
        assertTrue(Files.size(readme) <= 12 * 1024, "README.md is " + Files.size(readme) + " bytes, at most 12 KB");
        String text = Files.readString(readme);
        assertTrue(text.contains("    ./demo.sh ") && text.contains("    mvn -B verify "), "the two commands");
        assertTrue(Files.isExecutable(RepositoryFiles.resolve("demo.sh")), "demo.sh");
        List<String> ci = Files.readAllLines(RepositoryFiles.resolve(".ci/run"));
        assertEquals("exec mvn -B verify", ci.get(ci.size() - 1).strip(), ".ci/run runs the README's test command");
        int attach = text.indexOf("## Attach it to your own job");
        assertTrue(attach > 0 && text.substring(0, attach).lines().count() < 40,
                "\"Attach it to your own job\" starts within the first screen");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = RepositoryFiles.root();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(RepositoryFiles.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() >= 13, "pages: " + pages);
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        int links = 0;
        for (Path page : pages) {
            String text = CODE_SPAN.matcher(FENCE.matcher(Files.readString(page)).replaceAll("")).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(root.relativize(page) + ": " + target + " (no file)");
                    continue;
                }
                if (hash >= 0 && !anchors.computeIfAbsent(resolved, DocsLinksTest::headings)
                        .contains(target.substring(hash + 1))) {
                    broken.add(root.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links > 50, "links checked: " + links);
        assertEquals(List.of(), broken);
    }

    /** GitHub's anchors of a Markdown file's headings. */
    private static Set<String> headings(Path file) {
        Set<String> slugs = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        try {
            String text = FENCE.matcher(Files.readString(file)).replaceAll("");
            for (String line : text.lines().toList()) {
                if (!line.matches("#{1,6} .*")) {
                    continue;
                }
                String slug = line.replaceFirst("#+ ", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                slugs.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return slugs;
    }
}
