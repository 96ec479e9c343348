package dev.pinnipedjava.testkit.ldap;

import dev.pinnipedjava.testkit.loopback.TlsFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code cn=config} of one test slapd as LDIF for {@code slapadd -n 0}: an mdb database in the
 * run directory, the memberof and refint overlays, TLS with the run's certificate, and access rules
 * that let users bind and the service account read, and nobody else see anything.
 */
record SlapdConfig(
    Slapd slapd,
    Path runDirectory,
    Path dataDirectory,
    TlsFiles tls,
    String suffix,
    String rootDn,
    String rootPasswordHash,
    String serviceAccountDn) {
  private static final List<String> SCHEMAS = List.of("core", "cosine", "nis", "inetorgperson");

  String ldif() {
    StringBuilder ldif = new StringBuilder();
    entry(
        ldif,
        "dn: cn=config",
        "objectClass: olcGlobal",
        "cn: config",
        "olcPidFile: " + runDirectory.resolve("slapd.pid"),
        "olcArgsFile: " + runDirectory.resolve("slapd.args"),
        "olcTLSCACertificateFile: " + tls.caCertificate(),
        "olcTLSCertificateFile: " + tls.certificate(),
        "olcTLSCertificateKeyFile: " + tls.privateKey(),
        // 3.3 is TLS 1.2.
        "olcTLSProtocolMin: 3.3");
    entry(
        ldif,
        "dn: cn=module{0},cn=config",
        "objectClass: olcModuleList",
        "cn: module{0}",
        "olcModulePath: " + slapd.moduleDirectory(),
        "olcModuleLoad: back_mdb",
        "olcModuleLoad: memberof",
        "olcModuleLoad: refint");
    entry(ldif, "dn: cn=schema,cn=config", "objectClass: olcSchemaConfig", "cn: schema");
    for (String schema : SCHEMAS) {
      ldif.append("include: file://")
          .append(slapd.schemaDirectory().resolve(schema + ".ldif"))
          .append("\n\n");
    }
    entry(
        ldif,
        "dn: olcDatabase={-1}frontend,cn=config",
        "objectClass: olcDatabaseConfig",
        "objectClass: olcFrontendConfig",
        "olcDatabase: {-1}frontend",
        "olcPasswordHash: {SSHA}");
    entry(
        ldif,
        "dn: olcDatabase={0}config,cn=config",
        "objectClass: olcDatabaseConfig",
        "olcDatabase: {0}config",
        "olcAccess: {0}to * by * none");
    entry(
        ldif,
        "dn: olcDatabase={1}mdb,cn=config",
        "objectClass: olcDatabaseConfig",
        "objectClass: olcMdbConfig",
        "olcDatabase: {1}mdb",
        "olcDbDirectory: " + dataDirectory,
        "olcSuffix: " + suffix,
        "olcRootDN: " + rootDn,
        "olcRootPW: " + rootPasswordHash,
        "olcDbIndex: objectClass eq",
        "olcDbIndex: uid,cn,mail eq",
        "olcDbIndex: member eq",
        "olcAccess: {0}to attrs=userPassword by self write by anonymous auth by * none",
        "olcAccess: {1}to * by dn.exact=\"" + serviceAccountDn + "\" read by self read by * none");
    entry(
        ldif,
        "dn: olcOverlay={0}memberof,olcDatabase={1}mdb,cn=config",
        "objectClass: olcOverlayConfig",
        "objectClass: olcMemberOf",
        "olcOverlay: {0}memberof",
        "olcMemberOfRefInt: TRUE");
    entry(
        ldif,
        "dn: olcOverlay={1}refint,olcDatabase={1}mdb,cn=config",
        "objectClass: olcOverlayConfig",
        "objectClass: olcRefintConfig",
        "olcOverlay: {1}refint",
        "olcRefintAttribute: member");
    return ldif.toString();
  }

  private static void entry(StringBuilder ldif, String... lines) {
    for (String line : lines) {
      ldif.append(line).append('\n');
    }
    ldif.append('\n');
  }

  @Override
  public String toString() {
    return "SlapdConfig[" + runDirectory + ", suffix=" + suffix + ", rootPassword=(redacted)]";
  }
}
