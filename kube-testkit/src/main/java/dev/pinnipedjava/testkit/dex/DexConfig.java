package dev.pinnipedjava.testkit.dex;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a test wants of its Dex before it starts: the users of the password database, the static
 * clients, optionally an LDAP connector, and which connector the password grant uses. Dex reads its
 * configuration once, so everything is fixed here.
 */
public final class DexConfig {
  /** The connector ID of Dex's own password database. */
  public static final String LOCAL_CONNECTOR = "local";

  private final List<DexUser> users;
  private final List<DexClient> clients;
  private final @Nullable DexLdapConnector ldapConnector;
  private final String passwordGrantConnector;
  private final Duration idTokenLifetime;

  private DexConfig(Builder builder) {
    this.users = List.copyOf(builder.users);
    this.clients = List.copyOf(builder.clients);
    this.ldapConnector = builder.ldapConnector;
    this.passwordGrantConnector = builder.passwordGrantConnector;
    this.idTokenLifetime = builder.idTokenLifetime;
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("Dex needs at least one static client");
    }
    boolean knownConnector =
        passwordGrantConnector.equals(LOCAL_CONNECTOR)
            || (ldapConnector != null && ldapConnector.id().equals(passwordGrantConnector));
    if (!knownConnector) {
      throw new IllegalArgumentException(
          "the password grant names connector '"
              + passwordGrantConnector
              + "', which is not set up");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<DexUser> users() {
    return users;
  }

  public List<DexClient> clients() {
    return clients;
  }

  public Optional<DexLdapConnector> ldapConnector() {
    return Optional.ofNullable(ldapConnector);
  }

  /** The connector that checks the username and password of the resource-owner password grant. */
  public String passwordGrantConnector() {
    return passwordGrantConnector;
  }

  public Duration idTokenLifetime() {
    return idTokenLifetime;
  }

  /** Collects the parts of a {@link DexConfig}. */
  public static final class Builder {
    private final List<DexUser> users = new ArrayList<>();
    private final List<DexClient> clients = new ArrayList<>();
    private @Nullable DexLdapConnector ldapConnector;
    private String passwordGrantConnector = LOCAL_CONNECTOR;
    private Duration idTokenLifetime = Duration.ofMinutes(10);

    private Builder() {}

    public Builder user(DexUser user) {
      users.add(user);
      return this;
    }

    public Builder client(DexClient client) {
      clients.add(client);
      return this;
    }

    /** Adds the LDAP connector; the password grant still uses the password database. */
    public Builder ldapConnector(DexLdapConnector connector) {
      this.ldapConnector = connector;
      return this;
    }

    /** {@link #LOCAL_CONNECTOR} (the default) or the ID of the LDAP connector. */
    public Builder passwordGrantConnector(String connectorId) {
      this.passwordGrantConnector = connectorId;
      return this;
    }

    public Builder idTokenLifetime(Duration lifetime) {
      this.idTokenLifetime = lifetime;
      return this;
    }

    public DexConfig build() {
      return new DexConfig(this);
    }
  }
}
