package dev.pinnipedjava.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of deploy/README.md, so that tests run what the README tells admins to.
 */
record Readme(List<String> blocks) {

  static Readme read(DeployDirectory deploy) {
    Path file = deploy.root().resolve("README.md");
    try {
      return new Readme(blocksOf(Files.readAllLines(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static List<String> blocksOf(List<String> lines) {
    List<String> blocks = new ArrayList<>();
    StringBuilder block = null;
    for (String line : lines) {
      if (line.startsWith("```")) {
        if (block == null) {
          block = new StringBuilder();
        } else {
          blocks.add(block.toString());
          block = null;
        }
      } else if (block != null) {
        block.append(line).append('\n');
      }
    }
    return List.copyOf(blocks);
  }

  /** The one block that contains {@code text}; fails when none or several do. */
  String blockContaining(String text) {
    List<String> matching = blocks.stream().filter(b -> b.contains(text)).toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "deploy/README.md has "
              + matching.size()
              + " code blocks containing "
              + text
              + ", not 1");
    }
    return matching.get(0);
  }
}
