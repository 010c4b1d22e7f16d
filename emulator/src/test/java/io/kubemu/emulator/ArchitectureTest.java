package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point down only: protocols ← nodes ← emulator. Reads every module's Java sources
 * and fails, naming the file, the line and the reference, when one points the wrong way: an
 * import, or a fully qualified name in code.
 */
class ArchitectureTest {
  /** What each module must not reference, as package prefixes. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "protocols", List.of("io.kubemu.nodes", "io.kubemu.emulator", "org.apache.pekko", "kamon"),
      "nodes", List.of("io.kubemu.emulator"));

  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)");
  private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:io\\.kubemu|org\\.apache\\.pekko|kamon)(?:\\.\\w+)+)");

  /** The repository root: Maven runs tests in the module directory, an IDE often in the root. */
  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("protocols/pom.xml")) && Files.isRegularFile(p.resolve("nodes/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no kubemu checkout above " + Path.of("").toAbsolutePath());
  }

  /** The violations in one source text: "file:line references name (module must not depend on prefix)". */
  static List<String> violations(String module, String file, String source) {
    List<String> found = new ArrayList<>();
    String[] lines = stripCommentsAndStrings(source).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      List<String> names = new ArrayList<>();
      Matcher imp = IMPORT.matcher(lines[i]);
      if (imp.find()) {
        names.add(imp.group(1));
      } else {
        Matcher q = QUALIFIED.matcher(lines[i]);
        while (q.find()) {
          names.add(q.group(1));
        }
      }
      for (String name : names) {
        for (String prefix : FORBIDDEN.getOrDefault(module, List.of())) {
          if (name.equals(prefix) || name.startsWith(prefix + ".")) {
            found.add(file + ":" + (i + 1) + " references " + name + " (" + module + " must not depend on " + prefix + ")");
          }
        }
      }
    }
    return found;
  }

  /** Blanks comments, string and char literals and text blocks, keeping line breaks so line numbers stay right. */
  static String stripCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      String end = s.startsWith("//", i) ? "\n" : s.startsWith("/*", i) ? "*/" : s.startsWith("\"\"\"", i) ? "\"\"\""
          : s.charAt(i) == '"' ? "\"" : s.charAt(i) == '\'' ? "'" : null;
      if (end == null) {
        out.append(s.charAt(i++));
        continue;
      }
      int from = i + (end.equals("\n") ? 2 : end.length() == 3 ? 3 : end.equals("*/") ? 2 : 1);
      int j = from;
      while (j < s.length() && !s.startsWith(end, j)) {
        j += s.charAt(j) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
      }
      int stop = Math.min(s.length(), end.equals("\n") ? j : j + end.length());
      for (int k = i; k < stop; k++) {
        out.append(s.charAt(k) == '\n' ? '\n' : ' ');
      }
      i = stop;
    }
    return out.toString();
  }

  private static List<Path> javaFiles(Path module) {
    Path src = module.resolve("src");
    if (!Files.isDirectory(src)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(src)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void dependenciesPointDownOnly() throws IOException {
    Path root = root();
    List<String> found = new ArrayList<>();
    int scanned = 0;
    for (String module : FORBIDDEN.keySet().stream().sorted().toList()) {
      List<Path> files = javaFiles(root.resolve(module));
      assertTrue(files.size() > 10, "too few sources found in " + root.resolve(module) + ": " + files.size());
      for (Path f : files) {
        found.addAll(violations(module, root.relativize(f).toString(), Files.readString(f)));
        scanned++;
      }
    }
    assertEquals(List.of(), found, "wrong-way dependencies in " + scanned + " files:\n" + String.join("\n", found));
  }

  @Test
  void theCheckSeesImportsAndQualifiedNamesButNotCommentsOrStrings() {
    String source = """
        package io.kubemu.protocols.x;

        import org.apache.pekko.actor.typed.ActorRef;
        import static io.kubemu.emulator.cli.Kubemu.main;
        import io.kubemu.protocols.addr.Ipv4Address;
        // io.kubemu.nodes.agent.NodeAgent in a comment
        /** {@link kamon.Kamon} in Javadoc */
        class X {
          String s = "io.kubemu.nodes.agent.NodeAgent";
          kamon.metric.Counter c;
        }
        """;
    assertEquals(List.of(
        "X.java:3 references org.apache.pekko.actor.typed.ActorRef (protocols must not depend on org.apache.pekko)",
        "X.java:4 references io.kubemu.emulator.cli.Kubemu.main (protocols must not depend on io.kubemu.emulator)",
        "X.java:10 references kamon.metric.Counter (protocols must not depend on kamon)"),
        violations("protocols", "X.java", source));
    assertEquals(List.of(), violations("emulator", "X.java", source), "emulator may depend on everything");
  }

  @Test
  void protocolsPomDeclaresNoPekkoKamonOrKubemuDependency() throws IOException {
    String pom = Files.readString(root().resolve("protocols/pom.xml"));
    String dependencies = pom.substring(pom.indexOf("<dependencies>"));
    for (String artifact : List.of("pekko", "kamon", "kubemu-nodes", "kubemu-emulator")) {
      assertTrue(!dependencies.contains(artifact), "protocols/pom.xml depends on " + artifact);
    }
    String nodesPom = Files.readString(root().resolve("nodes/pom.xml"));
    assertTrue(!nodesPom.contains("<artifactId>kubemu-emulator</artifactId>"), "nodes/pom.xml depends on the emulator");
  }
}
