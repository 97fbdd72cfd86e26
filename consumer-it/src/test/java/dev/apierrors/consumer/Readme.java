package dev.apierrors.consumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of README.md that carry a marker: an HTML comment (invisible on
 * GitHub) on the line before the opening fence, blank lines allowed in between. Blocks
 * without a marker are ignored, so README sections can be added freely.
 */
final class Readme {

  /** One marked block: what follows the marker's prefix, fence language, text and first line. */
  record Block(String argument, String language, String text, int firstLine) {}

  private static final Pattern COMMENT = Pattern.compile("^<!--(.*)-->$");
  private static final Pattern FENCE = Pattern.compile("^```\\s*(\\w*)\\s*$");

  private Readme() {}

  /** The repository's root directory: set by the build, else the parent of the working directory. */
  static Path root() {
    String root = System.getProperty("apierrors.root");
    return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
  }

  static Path path() {
    return root().resolve("README.md");
  }

  /**
   * Every block whose marker starts with {@code prefix} ({@code compiled:} for
   * {@code <!-- compiled: Name -->}), in order.
   *
   * @throws IllegalStateException if such a marker is not followed by a fenced block
   */
  static List<Block> blocks(String prefix) throws IOException {
    List<String> lines = Files.readAllLines(path(), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = COMMENT.matcher(lines.get(i).trim());
      if (!m.matches() || !m.group(1).trim().startsWith(prefix)) {
        continue;
      }
      String argument = m.group(1).trim().substring(prefix.length()).trim();
      int markerLine = i + 1;
      int j = i + 1;
      while (j < lines.size() && lines.get(j).isBlank()) {
        j++;
      }
      Matcher open = j < lines.size() ? FENCE.matcher(lines.get(j).trim()) : null;
      if (open == null || !open.matches() || open.group(1).isEmpty()) {
        throw new IllegalStateException("README.md line " + markerLine
            + ": the marker '" + lines.get(i).trim() + "' must come right before a ```<language> block");
      }
      // A block inside a list item is indented like its fence: the text is without it.
      String indent = lines.get(j).substring(0, lines.get(j).indexOf('`'));
      StringBuilder text = new StringBuilder();
      int k = j + 1;
      while (k < lines.size() && !lines.get(k).trim().startsWith("```")) {
        String line = lines.get(k);
        text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
        k++;
      }
      if (k == lines.size()) {
        throw new IllegalStateException("README.md line " + (j + 1) + ": the block is never closed");
      }
      blocks.add(new Block(argument, open.group(1), text.toString(), j + 2));
      i = k;
    }
    return blocks;
  }
}
