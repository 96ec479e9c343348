package dev.pinnipedjava.testkit.activedirectory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import dev.pinnipedjava.testkit.directoryserver.DirectoryAdmin;
import dev.pinnipedjava.testkit.directoryserver.DirectoryConnections;
import dev.pinnipedjava.testkit.directoryserver.DirectoryStartup;
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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throwaway Samba AD domain controller ({@value #REALM}) running only its LDAP service on
 * 127.0.0.1, with a fresh TLS identity and Administrator password per run. Samba's LDAP server has
 * fixed ports (389, 636 and the global catalog's 3268, 3269), so only one can run on a machine at a
 * time: tests share one per JVM through {@link ActiveDirectoryExtension}.
 */
public final class ActiveDirectoryServer implements AutoCloseable {
  public static final String REALM = "PINNIPED.TEST";
  public static final String DOMAIN = "PINNIPED";
  public static final String NETBIOS_NAME = "DC1";
  public static final String DNS_DOMAIN = REALM.toLowerCase(Locale.ROOT);
  public static final String BASE_DN = "DC=pinniped,DC=test";
  public static final String USERS_DN = "CN=Users," + BASE_DN;
  public static final int LDAP_PORT = 389;
  public static final int LDAPS_PORT = 636;

  /** The ports Samba's LDAP service binds: LDAP, LDAPS and the global catalog's two. */
  public static final List<Integer> PORTS = List.of(LDAP_PORT, LDAPS_PORT, 3268, 3269);

  /** {@code userAccountControl}: the account is disabled. */
  public static final int UF_ACCOUNTDISABLE = 0x2;

  /** {@code userAccountControl}: a normal user account. */
  public static final int UF_NORMAL_ACCOUNT = 0x200;

  /** {@code msDS-User-Account-Control-Computed}: the account is locked out. */
  public static final int UF_LOCKOUT = 0x10;

  private static final String PART = "samba-ad";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final Path runDirectory;
  private final LoopbackTls tls;
  private final ManagedProcess process;
  private final AdAccount administrator;
  private final DirectoryConnections connections;
  private final DirectoryAdmin admin;
  private final Duration startupTime;
  private final StopOnJvmExit safetyNet;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ActiveDirectoryServer(
      Path runDirectory,
      LoopbackTls tls,
      ManagedProcess process,
      AdAccount administrator,
      DirectoryConnections connections,
      DirectoryAdmin admin,
      Duration startupTime,
      StopOnJvmExit safetyNet) {
    this.runDirectory = runDirectory;
    this.tls = tls;
    this.process = process;
    this.administrator = administrator;
    this.connections = connections;
    this.admin = admin;
    this.startupTime = startupTime;
    this.safetyNet = safetyNet;
  }

  /** A server in a new run directory named {@code samba-ad-...}, its template in the cache. */
  public static ActiveDirectoryServer start() {
    return start(
        Samba.locate(),
        RunDirectory.create(PART),
        SambaTemplate.cacheDirectory(System::getenv),
        Clock.systemUTC(),
        new SecureRandom());
  }

  /**
   * Copies the provisioned template (provisioning it first if the cache has none) into {@code
   * runDirectory}, sets a new Administrator password, starts {@code samba} in the foreground and
   * returns once the Administrator can bind over LDAPS.
   */
  public static ActiveDirectoryServer start(
      Samba samba, Path runDirectory, Path templateCache, Clock clock, SecureRandom random) {
    Instant startedAt = clock.instant();
    for (int port : PORTS) {
      if (LoopbackPorts.listening(port)) {
        throw new PartException(
            "cannot start Samba AD: "
                + LoopbackPorts.HOST
                + ":"
                + port
                + " is already in use (another Samba AD test server, or a system slapd or samba);"
                + " Samba's LDAP ports are fixed, so only one can run at a time");
      }
    }
    Path setupLog = runDirectory.resolve("logs/setup.log");
    Path template = SambaTemplate.provide(samba, templateCache, setupLog, random);
    Path domain = runDirectory.resolve("domain");
    SambaTemplate.copy(template, domain);
    LoopbackTls tls =
        LoopbackTls.create(
            PART,
            List.of(NETBIOS_NAME.toLowerCase(Locale.ROOT) + "." + DNS_DOMAIN, DNS_DOMAIN),
            clock,
            random);
    TlsFiles tlsFiles = tls.writeTo(runDirectory.resolve("tls"));
    Path smbConf = runDirectory.resolve("smb.conf");
    try {
      Files.createDirectories(runDirectory.resolve("sockets"));
      Files.writeString(
          smbConf, new SmbConf(domain, runDirectory, tlsFiles).render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + smbConf, e);
    }
    AdAccount administrator =
        new AdAccount(
            "CN=Administrator," + USERS_DN, "Administrator@" + DNS_DOMAIN, randomPassword(random));
    SetupCommand.run(
        "set the Administrator password",
        List.of(
            samba.sambaTool().toString(),
            "user",
            "setpassword",
            "Administrator",
            "--configfile=" + smbConf,
            "-H",
            domain.resolve("private/sam.ldb").toString(),
            "--newpassword=" + administrator.password()),
        setupLog,
        SETUP_TIMEOUT);

    ManagedProcess process =
        ManagedProcess.start(
            PART,
            List.of(
                samba.samba().toString(),
                "--interactive",
                // One process: nothing forked survives it, and it stops with one signal.
                "--model=single",
                "--debuglevel=1",
                "--configfile=" + smbConf),
            runDirectory.resolve("logs/samba.log"),
            Detachment.ATTACHED);
    StopOnJvmExit safetyNet = StopOnJvmExit.register(PART, () -> stopWithDescendants(process));
    try {
      DirectoryConnections connections = new DirectoryConnections(tls.clientContext(), options());
      DirectoryAdmin admin =
          new DirectoryAdmin(
              "Samba",
              DirectoryStartup.awaitBound(
                  process,
                  new DirectoryStartup.Readiness(
                      "samba",
                      "Samba AD LDAPS on " + LoopbackPorts.HOST + ":" + LDAPS_PORT,
                      "Samba AD did not accept the Administrator over LDAPS",
                      READY_TIMEOUT,
                      POLL_INTERVAL,
                      6),
                  () ->
                      connections.boundLdaps(
                          LDAPS_PORT, administrator.userPrincipalName(), administrator.password()),
                  exited -> null));
      return new ActiveDirectoryServer(
          runDirectory,
          tls,
          process,
          administrator,
          connections,
          admin,
          Duration.between(startedAt, clock.instant()),
          safetyNet);
    } catch (RuntimeException e) {
      safetyNet.cancel();
      stopWithDescendants(process);
      throw e;
    }
  }

  private static LDAPConnectionOptions options() {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
    options.setConnectTimeoutMillis(2_000);
    options.setResponseTimeoutMillis(30_000);
    // AD answers searches of the base DN with referrals to its partitions; tests want none.
    options.setFollowReferrals(false);
    return options;
  }

  private static String randomPassword(SecureRandom random) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    return "Adm-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code CN=<name>,CN=Users,DC=pinniped,DC=test}, the DN of a user or group made here. */
  public static String dnOf(String name) {
    try {
      return new DN(new RDN("CN", name), new DN(USERS_DN)).toString();
    } catch (LDAPException e) {
      throw new IllegalStateException("not a DN: " + USERS_DN, e);
    }
  }

  /** {@code <sAMAccountName>@pinniped.test}. */
  public static String userPrincipalName(String samAccountName) {
    return samAccountName + "@" + DNS_DOMAIN;
  }

  /** Creates an enabled user with the password; returns its DN. */
  public String addUser(AdUser user) {
    String dn = dnOf(user.samAccountName());
    admin.add(
        new Entry(
            dn,
            new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
            new Attribute("cn", user.samAccountName()),
            new Attribute("sAMAccountName", user.samAccountName()),
            new Attribute("userPrincipalName", userPrincipalName(user.samAccountName())),
            new Attribute("mail", user.email()),
            new Attribute("unicodePwd", unicodePwd(user.password())),
            new Attribute("userAccountControl", Integer.toString(UF_NORMAL_ACCOUNT))));
    return dn;
  }

  /** Creates a global security group with the given members (users or groups); returns its DN. */
  public String addGroup(String name, List<String> memberDns) {
    String dn = dnOf(name);
    Entry entry =
        new Entry(
            dn,
            new Attribute("objectClass", "top", "group"),
            new Attribute("cn", name),
            new Attribute("sAMAccountName", name));
    if (!memberDns.isEmpty()) {
      entry.addAttribute(new Attribute("member", memberDns));
    }
    admin.add(entry);
    return dn;
  }

  public void addMember(String groupName, String memberDn) {
    admin.modify(dnOf(groupName), new Modification(ModificationType.ADD, "member", memberDn));
  }

  public void removeMember(String groupName, String memberDn) {
    admin.modify(dnOf(groupName), new Modification(ModificationType.DELETE, "member", memberDn));
  }

  /** Resets the password as an administrator would; {@code pwdLastSet} changes. */
  public void changePassword(String samAccountName, String newPassword) {
    admin.modify(
        dnOf(samAccountName),
        new Modification(ModificationType.REPLACE, "unicodePwd", unicodePwd(newPassword)));
  }

  /** Sets {@link #UF_ACCOUNTDISABLE}: the user can no longer bind. */
  public void disable(String samAccountName) {
    setUserAccountControl(samAccountName, userAccountControl(samAccountName) | UF_ACCOUNTDISABLE);
  }

  public void enable(String samAccountName) {
    setUserAccountControl(samAccountName, userAccountControl(samAccountName) & ~UF_ACCOUNTDISABLE);
  }

  /**
   * Locks the account the way AD does: binds with a wrong password as often as the domain's lockout
   * threshold allows ({@value SambaTemplate#LOCKOUT_THRESHOLD} times; AD refuses to set {@code
   * lockoutTime} directly), then checks {@link #UF_LOCKOUT}.
   */
  public void lock(String samAccountName) {
    for (int attempt = 0; attempt < SambaTemplate.LOCKOUT_THRESHOLD; attempt++) {
      try (LDAPConnection connection = connectLdaps()) {
        connection.bind(userPrincipalName(samAccountName), "a wrong password, on purpose");
        throw new PartException("Samba accepted a wrong password for " + samAccountName);
      } catch (LDAPException e) {
        if (!e.getResultCode().equals(ResultCode.INVALID_CREDENTIALS)) {
          throw admin.failed("bind as " + samAccountName, e);
        }
      }
    }
    if ((computedUserAccountControl(samAccountName) & UF_LOCKOUT) == 0) {
      throw new PartException(
          samAccountName
              + " is not locked after "
              + SambaTemplate.LOCKOUT_THRESHOLD
              + " failed binds; see "
              + process.logFile());
    }
  }

  /** Clears a lockout ({@code lockoutTime: 0}, the one value AD lets an administrator set). */
  public void unlock(String samAccountName) {
    admin.modify(
        dnOf(samAccountName), new Modification(ModificationType.REPLACE, "lockoutTime", "0"));
  }

  public void deleteEntry(String name) {
    admin.delete(dnOf(name));
  }

  private int userAccountControl(String samAccountName) {
    return intAttribute(samAccountName, "userAccountControl");
  }

  private int computedUserAccountControl(String samAccountName) {
    return intAttribute(samAccountName, "msDS-User-Account-Control-Computed");
  }

  private int intAttribute(String samAccountName, String attribute) {
    try {
      SearchResultEntry entry = admin.entry(dnOf(samAccountName), attribute);
      Integer value = entry == null ? null : entry.getAttributeValueAsInteger(attribute);
      if (value == null) {
        throw new PartException(samAccountName + " has no " + attribute);
      }
      return value;
    } catch (LDAPException e) {
      throw admin.failed("read " + attribute + " of " + samAccountName, e);
    }
  }

  private void setUserAccountControl(String samAccountName, int value) {
    admin.modify(
        dnOf(samAccountName),
        new Modification(ModificationType.REPLACE, "userAccountControl", Integer.toString(value)));
  }

  /** AD takes a password as the UTF-16LE bytes of the password in double quotes. */
  private static byte[] unicodePwd(String password) {
    return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
  }

  /** A new LDAPS connection, not yet bound, trusting only this run's CA. */
  public LDAPConnection connectLdaps() throws LDAPException {
    return connections.ldaps(LDAPS_PORT);
  }

  /** A new connection on port 389 upgraded with StartTLS, not yet bound. */
  public LDAPConnection connectStartTls() throws LDAPException {
    return connections.startTls(LDAP_PORT);
  }

  /** {@code ldaps://127.0.0.1:636}. */
  public URI ldapsUrl() {
    return URI.create("ldaps://" + LoopbackPorts.HOST + ":" + LDAPS_PORT);
  }

  /** {@code 127.0.0.1:636}, the form of an ActiveDirectoryIdentityProvider's {@code spec.host}. */
  public String ldapsHostAndPort() {
    return LoopbackPorts.HOST + ":" + LDAPS_PORT;
  }

  /** The CA that signed the domain controller's certificate, PEM. */
  public String caPem() {
    return tls.caPem();
  }

  /** The domain's Administrator, with this run's password. */
  public AdAccount administrator() {
    return administrator;
  }

  public Path runDirectory() {
    return runDirectory;
  }

  public Path logFile() {
    return process.logFile();
  }

  /** From the start of {@link #start} until the Administrator could bind. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Closes the admin connection and stops samba and anything it forked. Idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    safetyNet.cancel();
    admin.close();
    stopWithDescendants(process);
  }

  private static void stopWithDescendants(ManagedProcess process) {
    List<ProcessHandle> descendants =
        ProcessHandle.of(process.pid()).stream().flatMap(ProcessHandle::descendants).toList();
    process.stop(STOP_GRACE);
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "ActiveDirectoryServer[" + REALM + " at " + ldapsUrl() + ", " + runDirectory + "]";
  }
}
