package dev.pinnipedjava.testkit.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import dev.pinnipedjava.testkit.directoryserver.DirectoryAdmin;
import dev.pinnipedjava.testkit.directoryserver.DirectoryConnections;
import dev.pinnipedjava.testkit.directoryserver.DirectoryStartup;
import dev.pinnipedjava.testkit.loopback.LogFile;
import dev.pinnipedjava.testkit.loopback.LoopbackPorts;
import dev.pinnipedjava.testkit.loopback.LoopbackTls;
import dev.pinnipedjava.testkit.loopback.PartException;
import dev.pinnipedjava.testkit.loopback.RunDirectory;
import dev.pinnipedjava.testkit.loopback.SetupCommand;
import dev.pinnipedjava.testkit.loopback.StopOnJvmExit;
import dev.pinnipedjava.testkit.loopback.TlsFiles;
import dev.pinnipedjava.testkit.process.Detachment;
import dev.pinnipedjava.testkit.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenLDAP slapd on 127.0.0.1 with its own {@code cn=config}, an mdb database under the run
 * directory and a fresh TLS identity. It listens on {@code ldap://} (StartTLS) and {@code
 * ldaps://}. The directory holds {@code ou=users}, {@code ou=groups} and a bind service account;
 * tests add, change and remove users and groups through this class while the server runs.
 */
public final class LdapServer implements AutoCloseable {
  public static final String SUFFIX = "dc=pinniped,dc=dev";
  public static final String USERS_DN = "ou=users," + SUFFIX;
  public static final String GROUPS_DN = "ou=groups," + SUFFIX;
  public static final String SERVICE_ACCOUNTS_DN = "ou=service-accounts," + SUFFIX;
  public static final String ROOT_DN = "cn=admin," + SUFFIX;
  public static final String SERVICE_ACCOUNT_DN = "cn=pinniped-bind," + SERVICE_ACCOUNTS_DN;

  /** The {@code gidNumber} of every user: posixAccount requires one. */
  public static final int USERS_GID_NUMBER = 10000;

  private static final String PART = "slapd";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;
  private static final int FIRST_UID_NUMBER = 10000;

  private final Path runDirectory;
  private final LoopbackTls tls;
  private final int ldapPort;
  private final int ldapsPort;
  private final ManagedProcess process;
  private final LdapAccount root;
  private final LdapAccount serviceAccount;
  private final DirectoryConnections connections;
  private final DirectoryAdmin admin;
  private final LdapPasswordHash passwordHash;
  private final Duration startupTime;
  private final StopOnJvmExit safetyNet;
  private final AtomicInteger nextUidNumber = new AtomicInteger(FIRST_UID_NUMBER);
  private final AtomicBoolean stopped = new AtomicBoolean();

  private LdapServer(
      Path runDirectory,
      LoopbackTls tls,
      int ldapPort,
      int ldapsPort,
      ManagedProcess process,
      LdapAccount root,
      LdapAccount serviceAccount,
      DirectoryConnections connections,
      DirectoryAdmin admin,
      LdapPasswordHash passwordHash,
      Duration startupTime,
      StopOnJvmExit safetyNet) {
    this.runDirectory = runDirectory;
    this.tls = tls;
    this.ldapPort = ldapPort;
    this.ldapsPort = ldapsPort;
    this.process = process;
    this.root = root;
    this.serviceAccount = serviceAccount;
    this.connections = connections;
    this.admin = admin;
    this.passwordHash = passwordHash;
    this.startupTime = startupTime;
    this.safetyNet = safetyNet;
  }

  /** A server in a new run directory named {@code slapd-...}. */
  public static LdapServer start() {
    return start(Slapd.locate(), RunDirectory.create(PART), Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Writes the configuration into {@code runDirectory}, starts slapd and returns once it answers
   * over LDAPS and holds the base entries and the service account.
   */
  public static LdapServer start(Slapd slapd, Path runDirectory, Clock clock, SecureRandom random) {
    Instant startedAt = clock.instant();
    LdapPasswordHash passwordHash = new LdapPasswordHash(random);
    LoopbackTls tls = LoopbackTls.create(PART, List.of(), clock, random);
    DirectoryConnections connections =
        new DirectoryConnections(tls.clientContext(), verifyingHostName());
    TlsFiles tlsFiles = tls.writeTo(runDirectory.resolve("tls"));
    LdapAccount root = new LdapAccount(ROOT_DN, randomPassword(random));
    LdapAccount serviceAccount = new LdapAccount(SERVICE_ACCOUNT_DN, randomPassword(random));
    Path configDirectory = runDirectory.resolve("slapd.d");
    Path dataDirectory = runDirectory.resolve("data");
    Path configLdif = runDirectory.resolve("config.ldif");
    SlapdConfig config =
        new SlapdConfig(
            slapd,
            runDirectory,
            dataDirectory,
            tlsFiles,
            SUFFIX,
            ROOT_DN,
            passwordHash.hash(root.password()),
            SERVICE_ACCOUNT_DN);
    try {
      Files.createDirectories(configDirectory);
      Files.createDirectories(dataDirectory);
      Files.writeString(configLdif, config.ldif(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + runDirectory, e);
    }
    SetupCommand.run(
        "load the configuration",
        List.of(
            slapd.slapadd().toString(),
            "-n",
            "0",
            "-F",
            configDirectory.toString(),
            "-l",
            configLdif.toString()),
        runDirectory.resolve("logs/setup.log"),
        SETUP_TIMEOUT);

    for (int attempt = 1; ; attempt++) {
      List<Integer> ports = LoopbackPorts.allocate(2);
      int ldapPort = ports.get(0);
      int ldapsPort = ports.get(1);
      ManagedProcess process =
          ManagedProcess.start(
              PART,
              List.of(
                  slapd.slapd().toString(),
                  // -d keeps slapd in the foreground; "stats" logs connections and operations.
                  "-d",
                  "stats",
                  "-h",
                  "ldap://"
                      + LoopbackPorts.HOST
                      + ":"
                      + ldapPort
                      + "/ ldaps://"
                      + LoopbackPorts.HOST
                      + ":"
                      + ldapsPort
                      + "/",
                  "-F",
                  configDirectory.toString()),
              runDirectory.resolve("logs/slapd.log"),
              Detachment.ATTACHED);
      StopOnJvmExit safetyNet = StopOnJvmExit.register(PART, () -> process.stop(STOP_GRACE));
      try {
        DirectoryAdmin admin =
            new DirectoryAdmin(
                PART,
                DirectoryStartup.awaitBound(
                    process,
                    new DirectoryStartup.Readiness(
                        PART,
                        "slapd on " + LoopbackPorts.HOST + ":" + ldapsPort,
                        "slapd did not answer",
                        READY_TIMEOUT,
                        POLL_INTERVAL,
                        5),
                    () -> connections.boundLdaps(ldapsPort, root.dn(), root.password()),
                    exited ->
                        LogFile.mentions(exited.logFile(), LoopbackPorts.PORT_TAKEN)
                            ? new PortTakenException("another process took a port of slapd")
                            : null));
        LdapServer server =
            new LdapServer(
                runDirectory,
                tls,
                ldapPort,
                ldapsPort,
                process,
                root,
                serviceAccount,
                connections,
                admin,
                passwordHash,
                Duration.between(startedAt, clock.instant()),
                safetyNet);
        server.addBaseEntries();
        return server;
      } catch (PortTakenException e) {
        safetyNet.cancel();
        process.stop(STOP_GRACE);
        if (attempt == START_ATTEMPTS) {
          throw new PartException(e.getMessage() + ", " + attempt + " times in a row", e);
        }
      } catch (RuntimeException e) {
        safetyNet.cancel();
        process.stop(STOP_GRACE);
        throw e;
      }
    }
  }

  /** Thrown inside {@link #start} when another process bound a chosen port first. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  private static LDAPConnectionOptions verifyingHostName() {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
    options.setConnectTimeoutMillis(2_000);
    options.setResponseTimeoutMillis(10_000);
    return options;
  }

  private static String randomPassword(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void addBaseEntries() {
    admin.add(
        new Entry(
            SUFFIX,
            new Attribute("objectClass", "top", "dcObject", "organization"),
            new Attribute("dc", "pinniped"),
            new Attribute("o", "pinniped-java tests")));
    for (String unit : List.of(USERS_DN, GROUPS_DN, SERVICE_ACCOUNTS_DN)) {
      admin.add(
          new Entry(
              unit,
              new Attribute("objectClass", "top", "organizationalUnit"),
              new Attribute("ou", rdnValue(unit))));
    }
    admin.add(
        new Entry(
            SERVICE_ACCOUNT_DN,
            new Attribute("objectClass", "top", "organizationalRole", "simpleSecurityObject"),
            new Attribute("cn", rdnValue(SERVICE_ACCOUNT_DN)),
            new Attribute("userPassword", passwordHash.hash(serviceAccount.password()))));
  }

  private static String rdnValue(String dn) {
    try {
      RDN rdn = new DN(dn).getRDN();
      if (rdn == null) {
        throw new IllegalArgumentException(dn + " has no RDN");
      }
      return rdn.getAttributeValues()[0];
    } catch (LDAPException e) {
      throw new IllegalArgumentException("not a DN: " + dn, e);
    }
  }

  /** {@code uid=<uid>,ou=users,dc=pinniped,dc=dev}. */
  public static String userDn(String uid) {
    return new DN(new RDN("uid", uid), dn(USERS_DN)).toString();
  }

  /** {@code cn=<name>,ou=groups,dc=pinniped,dc=dev}. */
  public static String groupDn(String name) {
    return new DN(new RDN("cn", name), dn(GROUPS_DN)).toString();
  }

  private static DN dn(String dn) {
    try {
      return new DN(dn);
    } catch (LDAPException e) {
      throw new IllegalArgumentException("not a DN: " + dn, e);
    }
  }

  /** Adds the user; returns its DN. */
  public String addUser(LdapUser user) {
    String dn = userDn(user.uid());
    int uidNumber = nextUidNumber.getAndIncrement();
    admin.add(
        new Entry(
            dn,
            new Attribute("objectClass", "top", "inetOrgPerson", "posixAccount"),
            new Attribute("uid", user.uid()),
            new Attribute("cn", user.commonName()),
            new Attribute("sn", user.commonName()),
            new Attribute("mail", user.email()),
            new Attribute("uidNumber", Integer.toString(uidNumber)),
            new Attribute("gidNumber", Integer.toString(USERS_GID_NUMBER)),
            new Attribute("homeDirectory", "/home/" + user.uid()),
            new Attribute("userPassword", passwordHash.hash(user.password()))));
    return dn;
  }

  /** Deletes the user; refint removes it from the groups it was in. */
  public void deleteUser(String uid) {
    admin.delete(userDn(uid));
  }

  public void changePassword(String uid, String newPassword) {
    admin.modify(
        userDn(uid),
        new Modification(ModificationType.REPLACE, "userPassword", passwordHash.hash(newPassword)));
  }

  /** Replaces every value of {@code attribute} of the entry {@code dn}. */
  public void replaceAttribute(String dn, String attribute, String... values) {
    admin.modify(dn, new Modification(ModificationType.REPLACE, attribute, values));
  }

  /**
   * Adds a {@code groupOfNames} whose members are the given DNs (users or other groups, which makes
   * nested groups). The schema requires at least one member.
   */
  public String addGroup(String name, List<String> memberDns) {
    if (memberDns.isEmpty()) {
      throw new IllegalArgumentException("a groupOfNames needs at least one member: " + name);
    }
    String dn = groupDn(name);
    admin.add(
        new Entry(
            dn,
            new Attribute("objectClass", "top", "groupOfNames"),
            new Attribute("cn", name),
            new Attribute("member", memberDns)));
    return dn;
  }

  public void addMember(String groupName, String memberDn) {
    admin.modify(groupDn(groupName), new Modification(ModificationType.ADD, "member", memberDn));
  }

  /** Removes a member; the schema refuses to remove a group's last member. */
  public void removeMember(String groupName, String memberDn) {
    admin.modify(groupDn(groupName), new Modification(ModificationType.DELETE, "member", memberDn));
  }

  public void deleteGroup(String name) {
    admin.delete(groupDn(name));
  }

  /** A new LDAPS connection, not yet bound, that trusts only this server's CA. */
  public LDAPConnection connectLdaps() throws LDAPException {
    return connections.ldaps(ldapsPort);
  }

  /** A new connection on the plain port, upgraded with StartTLS, not yet bound. */
  public LDAPConnection connectStartTls() throws LDAPException {
    return connections.startTls(ldapPort);
  }

  /** {@code ldap://127.0.0.1:<port>}, for StartTLS. */
  public URI ldapUrl() {
    return URI.create("ldap://" + LoopbackPorts.HOST + ":" + ldapPort);
  }

  /** {@code ldaps://127.0.0.1:<port>}. */
  public URI ldapsUrl() {
    return URI.create("ldaps://" + LoopbackPorts.HOST + ":" + ldapsPort);
  }

  /** {@code 127.0.0.1:<ldaps port>}, the form of an LDAPIdentityProvider's {@code spec.host}. */
  public String ldapsHostAndPort() {
    return LoopbackPorts.HOST + ":" + ldapsPort;
  }

  /** {@code 127.0.0.1:<plain port>}, for StartTLS. */
  public String startTlsHostAndPort() {
    return LoopbackPorts.HOST + ":" + ldapPort;
  }

  /** The CA that signed the server certificate (for 127.0.0.1), PEM. */
  public String caPem() {
    return tls.caPem();
  }

  /**
   * The spec of an LDAPIdentityProvider for this directory, as an administrator writes it: the
   * server at {@code host} ({@link #ldapsHostAndPort()} or {@link #startTlsHostAndPort()}) trusted
   * by its CA, bound as {@link #serviceAccount()} from the Secret {@code bindSecretName}, users
   * found by uid and named by their mail, groups named by their cn.
   */
  public Map<String, Object> identityProviderSpec(String host, String bindSecretName) {
    return Map.of(
        "host", host,
        "tls",
            Map.of(
                "certificateAuthorityData",
                Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.UTF_8))),
        "bind", Map.of("secretName", bindSecretName),
        "userSearch",
            Map.of(
                "base",
                USERS_DN,
                "filter",
                "uid={}",
                "attributes",
                Map.of("username", "mail", "uid", "uidNumber")),
        "groupSearch", Map.of("base", GROUPS_DN, "attributes", Map.of("groupName", "cn")));
  }

  /** The account that may search the whole directory: what an identity provider binds as. */
  public LdapAccount serviceAccount() {
    return serviceAccount;
  }

  /** The root DN, which may do anything. */
  public LdapAccount rootAccount() {
    return root;
  }

  public Path runDirectory() {
    return runDirectory;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** From the start of {@link #start} until slapd answered and held the base entries. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Closes the admin connection and stops slapd (SIGTERM, then SIGKILL). Idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    safetyNet.cancel();
    admin.close();
    process.stop(STOP_GRACE);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "LdapServer[" + ldapsUrl() + ", " + runDirectory + "]";
  }

  /** The ports, for tests asserting that nothing listens after {@link #stop()}. */
  public List<Integer> ports() {
    return List.of(ldapPort, ldapsPort);
  }
}
