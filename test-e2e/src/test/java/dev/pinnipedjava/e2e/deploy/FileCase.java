package dev.pinnipedjava.e2e.deploy;

import java.nio.file.Path;

/** A test case about one file or folder of deploy/, named by its path from the repository root. */
record FileCase(String name, Path path) {

  static FileCase of(DeployDirectory deploy, Path path) {
    return new FileCase(deploy.display(path), path);
  }

  @Override
  public String toString() {
    return name;
  }
}
