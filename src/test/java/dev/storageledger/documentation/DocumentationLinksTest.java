package dev.storageledger.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/*.md leads somewhere: to a file that exists and, when it names an anchor,
 * to a heading of that Markdown file (anchors made as GitHub makes them from a heading's text).
 */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    @Test
    void every_relative_link_of_the_readme_and_the_docs_resolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(withoutCode(Files.readString(document)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(linked)) {
                    broken.add(document + ": " + target + " (no file " + linked + ")");
                } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(document + ": " + target + " (no heading of " + linked + " makes that anchor)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void anchors_are_made_from_headings_as_github_makes_them() {
        assertThat(anchor("Feed it from the storage's own notifications")).isEqualTo("feed-it-from-the-storages-own-notifications");
        assertThat(anchor("JVM settings for a real install")).isEqualTo("jvm-settings-for-a-real-install");
        assertThat(anchor("Issue 24: slow request bodies and idle keep-alive connections"))
                .isEqualTo("issue-24-slow-request-bodies-and-idle-keep-alive-connections");
        assertThat(anchor("The `default` policy belongs to the settings")).isEqualTo("the-default-policy-belongs-to-the-settings");
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!markdown.toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(withoutCode(Files.readString(markdown)));
        while (heading.find()) {
            String anchor = anchor(heading.group(1));
            int times = seen.merge(anchor, 1, Integer::sum);
            anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped but for hyphens and underscores, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** Fenced code shows links and headings as text, not as links. */
    private static String withoutCode(String markdown) {
        return FENCE.matcher(markdown).replaceAll("");
    }
}
