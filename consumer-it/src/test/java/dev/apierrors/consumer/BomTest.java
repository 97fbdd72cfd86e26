package dev.apierrors.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * apierrors-bom lists exactly the published modules: every module of the build, in any
 * profile, except the poms and those marked {@code <maven.deploy.skip>true}.
 */
class BomTest {

  @Test
  void bomListsEveryPublishedModuleAndNothingElse() throws Exception {
    Path root = Readme.root();
    Document parent = read(root.resolve("pom.xml"));
    Set<String> published = new TreeSet<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      Document module = read(root.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml"));
      Element project = module.getDocumentElement();
      boolean pom = "pom".equals(child(project, "packaging"));
      Element properties = element(project, "properties");
      boolean skipped = properties != null && "true".equals(child(properties, "maven.deploy.skip"));
      if (!pom && !skipped) {
        published.add(child(project, "artifactId"));
      }
    }

    Document bom = read(root.resolve("bom").resolve("pom.xml"));
    Set<String> listed = new TreeSet<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      listed.add(child(dependency, "artifactId"));
      assertEquals("${project.version}", child(dependency, "version"),
          "apierrors-bom: " + child(dependency, "artifactId") + " has its own version");
    }

    assertEquals(published, listed, "apierrors-bom must list every published module (a module that is"
        + " not published sets <maven.deploy.skip>true</maven.deploy.skip> in its pom)");
    assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"),
        "apierrors-bom's version is the project's");
  }

  private static Document read(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  private static Element element(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String child(Element parent, String name) {
    Element e = element(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
