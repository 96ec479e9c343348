package dev.pinnipedjava.testkit.activedirectory;

import dev.pinnipedjava.testkit.loopback.MissingPartException;
import dev.pinnipedjava.testkit.loopback.RequiredFile;
import java.nio.file.Path;

/** The Debian Samba files an AD domain controller needs: the daemon, samba-tool, the AD schema. */
public record Samba(Path samba, Path sambaTool) {
  private static final String PART = "the Samba Active Directory test server";

  /** The files as Debian installs them; Samba's AD DC must run as root. */
  public static Samba locate() {
    return locate(Path.of("/"), isRoot());
  }

  /** The files below {@code root}; throws a {@code MissingPartException} naming the first gap. */
  public static Samba locate(Path root, boolean runningAsRoot) {
    Path samba = new RequiredFile(root.resolve("usr/sbin/samba"), "samba").require(PART);
    Path sambaTool =
        new RequiredFile(root.resolve("usr/bin/samba-tool"), "samba-common-bin").require(PART);
    new RequiredFile(root.resolve("usr/share/samba/setup/ad-schema"), "samba-ad-provision")
        .require(PART);
    if (!runningAsRoot) {
      throw new MissingPartException(
          PART
              + " needs root: Samba's AD domain controller refuses to run as another user and binds"
              + " the LDAP ports 389 and 636 on 127.0.0.1. Run the tests as root (CI does).");
    }
    return new Samba(samba, sambaTool);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
