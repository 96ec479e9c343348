package dev.pinnipedjava.testkit.ldap;

import dev.pinnipedjava.testkit.loopback.RequiredFile;
import java.nio.file.Path;

/** The Debian OpenLDAP files {@link LdapServer} runs: the daemon, slapadd, schemas and modules. */
public record Slapd(Path slapd, Path slapadd, Path schemaDirectory, Path moduleDirectory) {
  private static final String PART = "the OpenLDAP test server";

  /** The files as Debian's {@code slapd} package installs them. */
  public static Slapd locate() {
    return locate(Path.of("/"));
  }

  /** The files below {@code root}; throws a {@code MissingPartException} naming the first gap. */
  public static Slapd locate(Path root) {
    Path slapd = new RequiredFile(root.resolve("usr/sbin/slapd"), "slapd").require(PART);
    Path slapadd = new RequiredFile(root.resolve("usr/sbin/slapadd"), "slapd").require(PART);
    Path schemas = root.resolve("etc/ldap/schema");
    new RequiredFile(schemas.resolve("inetorgperson.ldif"), "slapd").require(PART);
    Path modules = root.resolve("usr/lib/ldap");
    new RequiredFile(modules.resolve("back_mdb.la"), "slapd").require(PART);
    return new Slapd(slapd, slapadd, schemas, modules);
  }
}
