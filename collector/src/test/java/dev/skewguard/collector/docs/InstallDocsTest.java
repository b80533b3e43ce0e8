package dev.skewguard.collector.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skewguard.collector.deploy.RepositoryFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** docs/install.md's coordinates name the artifacts the build makes, at the build's version. */
class InstallDocsTest {
    @Test
    void coordinatesCarryThePomsVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(RepositoryFiles.resolve("pom.xml").toFile());
        String version = pom.getDocumentElement().getElementsByTagName("version").item(0).getTextContent().strip();
        String groupId = pom.getDocumentElement().getElementsByTagName("groupId").item(0).getTextContent().strip();
        String doc = Files.readString(RepositoryFiles.resolve("docs/install.md"));

        List<String> wrong = new ArrayList<>();
        Matcher gradle = Pattern.compile("([\\w.]+):(skewguard-[\\w-]+):([\\w.-]+)").matcher(doc);
        int coordinates = 0;
        while (gradle.find()) {
            coordinates++;
            if (!gradle.group(1).equals(groupId) || !gradle.group(3).equals(version)) {
                wrong.add(gradle.group());
            }
            if (!Files.isRegularFile(RepositoryFiles.root().resolve(gradle.group(2).replace("skewguard-", ""))
                    .resolve("pom.xml"))) {
                wrong.add(gradle.group() + ": no such module");
            }
        }
        Matcher maven = Pattern.compile("<artifactId>(skewguard-[\\w-]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(doc);
        while (maven.find()) {
            coordinates++;
            if (!maven.group(2).equals(version)) {
                wrong.add(maven.group());
            }
        }
        assertTrue(coordinates >= 8, "coordinates found: " + coordinates);
        assertEquals(List.of(), wrong, "coordinates other than " + groupId + ":...:" + version);
    }
}
