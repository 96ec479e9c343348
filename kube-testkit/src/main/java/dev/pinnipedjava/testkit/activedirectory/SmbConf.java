package dev.pinnipedjava.testkit.activedirectory;

import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.TlsFiles;
import java.nio.file.Path;

/**
 * The {@code smb.conf} of one run: an AD DC that starts only its LDAP service, on 127.0.0.1 only,
 * with every file, socket and pid below the run directory and the run's TLS certificate.
 */
record SmbConf(Path domainDirectory, Path runDirectory, TlsFiles tls) {
  String render() {
    Path sockets = runDirectory.resolve("sockets");
    return String.join(
        "\n",
        "[global]",
        "  netbios name = " + ActiveDirectoryServer.NETBIOS_NAME,
        "  realm = " + ActiveDirectoryServer.REALM,
        "  workgroup = " + ActiveDirectoryServer.DOMAIN,
        "  server role = active directory domain controller",
        // No DNS, KDC, SMB, RPC, NBT, winbind or replication: the tests only speak LDAP.
        "  server services = ldap",
        "  interfaces = " + LoopbackPorts.HOST,
        "  bind interfaces only = yes",
        "  private dir = " + domainDirectory.resolve("private"),
        "  state directory = " + domainDirectory.resolve("state"),
        "  cache directory = " + domainDirectory.resolve("cache"),
        "  lock directory = " + domainDirectory,
        "  binddns dir = " + domainDirectory.resolve("bind-dns"),
        "  pid directory = " + runDirectory,
        "  ncalrpc dir = " + sockets.resolve("ncalrpc"),
        "  winbindd socket directory = " + sockets.resolve("winbindd"),
        "  ntp signd socket directory = " + sockets.resolve("ntp_signd"),
        "  log file = " + runDirectory.resolve("logs/samba-file.log"),
        "  tls enabled = yes",
        "  tls keyfile = " + tls.privateKey(),
        "  tls certfile = " + tls.certificate(),
        "  tls cafile = " + tls.caCertificate(),
        "  idmap_ldb:use rfc2307 = yes",
        "");
  }
}
