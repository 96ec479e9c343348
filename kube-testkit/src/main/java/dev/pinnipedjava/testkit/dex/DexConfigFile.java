package dev.pinnipedjava.testkit.dex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinnipedjava.testkit.loopback.TlsFiles;
import java.net.URI;
import java.nio.file.Path;

/**
 * Renders a {@link DexConfig} as Dex's configuration file. JSON is YAML, and Dex reads either:
 * memory storage, HTTPS on one loopback port, no gRPC or telemetry listener, no approval screen.
 */
final class DexConfigFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DexConfigFile() {}

  static String render(
      DexConfig config,
      URI issuer,
      String httpsAddress,
      TlsFiles tls,
      Path ldapCaFile,
      DexPasswordHash passwordHash) {
    ObjectNode root = JSON.createObjectNode();
    root.put("issuer", issuer.toString());
    root.putObject("storage").put("type", "memory");
    root.putObject("web")
        .put("https", httpsAddress)
        .put("tlsCert", tls.certificate().toString())
        .put("tlsKey", tls.privateKey().toString());
    root.putObject("logger").put("level", "info").put("format", "text");
    ObjectNode oauth2 = root.putObject("oauth2");
    oauth2.put("skipApprovalScreen", true);
    oauth2.put("passwordConnector", config.passwordGrantConnector());
    oauth2.putArray("responseTypes").add("code");
    ObjectNode expiry = root.putObject("expiry");
    expiry.put("idTokens", config.idTokenLifetime().toSeconds() + "s");
    // Refresh tokens are issued whenever a client asks for offline_access; these keep them valid
    // for the whole test run and let a client refresh once per token.
    expiry.putObject("refreshTokens").put("reuseInterval", "0s").put("absoluteLifetime", "24h");

    root.put("enablePasswordDB", true);
    ArrayNode passwords = root.putArray("staticPasswords");
    for (DexUser user : config.users()) {
      passwords
          .addObject()
          .put("email", user.email())
          .put("username", user.username())
          .put("userID", user.userId())
          .put("hash", passwordHash.hash(user.password()));
    }
    ArrayNode clients = root.putArray("staticClients");
    for (DexClient client : config.clients()) {
      ObjectNode node = clients.addObject();
      node.put("id", client.id()).put("name", client.id()).put("secret", client.secret());
      ArrayNode redirects = node.putArray("redirectURIs");
      client.redirectUris().forEach(uri -> redirects.add(uri.toString()));
    }
    ArrayNode connectors = root.putArray("connectors");
    config.ldapConnector().ifPresent(ldap -> connectors.add(ldapConnector(ldap, ldapCaFile)));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the Dex configuration", e);
    }
  }

  private static ObjectNode ldapConnector(DexLdapConnector ldap, Path caFile) {
    ObjectNode connector = JSON.createObjectNode();
    connector.put("type", "ldap").put("id", ldap.id()).put("name", "OpenLDAP");
    ObjectNode config = connector.putObject("config");
    config
        .put("host", ldap.hostAndPort())
        .put("rootCA", caFile.toString())
        .put("bindDN", ldap.bindAccount().dn())
        .put("bindPW", ldap.bindAccount().password())
        .put("usernamePrompt", "Username");
    config
        .putObject("userSearch")
        .put("baseDN", ldap.userBaseDn())
        .put("filter", "(objectClass=inetOrgPerson)")
        .put("username", "uid")
        .put("idAttr", "uid")
        .put("emailAttr", "mail")
        .put("nameAttr", "cn")
        .put("preferredUsernameAttr", "uid");
    ObjectNode groupSearch = config.putObject("groupSearch");
    groupSearch
        .put("baseDN", ldap.groupBaseDn())
        .put("filter", "(objectClass=groupOfNames)")
        .put("nameAttr", "cn");
    groupSearch
        .putArray("userMatchers")
        .addObject()
        .put("userAttr", "DN")
        .put("groupAttr", "member");
    return connector;
  }
}
