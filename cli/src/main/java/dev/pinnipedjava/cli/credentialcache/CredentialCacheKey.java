package dev.pinnipedjava.cli.credentialcache;

import dev.pinnipedjava.cli.execcredential.ClusterInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key of a credential cache entry: hex SHA-256 of the JSON Pinniped's Go CLI encodes for the
 * same login (struct fields in declaration order, then a newline), so both CLIs find each other's
 * entries. The arguments are the whole command line after the program name.
 *
 * @param hex 64 lowercase hex digits
 */
public record CredentialCacheKey(String hex) {

  /** {@code login oidc}: {@code {"args":[...],"cluster":...}}. */
  public static CredentialCacheKey forOidcLogin(List<String> args, @Nullable ClusterInfo cluster) {
    return ofJson(oidcLoginJson(args, cluster));
  }

  /** {@code login static}: {@code {"args":[...],"token":"...","cluster":...}}. */
  public static CredentialCacheKey forStaticLogin(
      List<String> args, String token, @Nullable ClusterInfo cluster) {
    return ofJson(staticLoginJson(args, token, cluster));
  }

  static String oidcLoginJson(List<String> args, @Nullable ClusterInfo cluster) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("args", GoJson.stringArray(args));
    fields.put("cluster", clusterJson(cluster));
    return GoJson.object(fields) + "\n";
  }

  static String staticLoginJson(List<String> args, String token, @Nullable ClusterInfo cluster) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("args", GoJson.stringArray(args));
    fields.put("token", GoJson.string(token));
    fields.put("cluster", clusterJson(cluster));
    return GoJson.object(fields) + "\n";
  }

  /** client-go's {@code clientauthentication/v1beta1.Cluster}, field by field with its tags. */
  static String clusterJson(@Nullable ClusterInfo cluster) {
    if (cluster == null) {
      return "null";
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("server", GoJson.string(cluster.server()));
    if (cluster.tlsServerName() != null) {
      fields.put("tls-server-name", GoJson.string(cluster.tlsServerName()));
    }
    if (cluster.insecureSkipTlsVerify()) {
      fields.put("insecure-skip-tls-verify", "true");
    }
    if (cluster.certificateAuthorityData() != null) {
      fields.put("certificate-authority-data", GoJson.string(cluster.certificateAuthorityData()));
    }
    if (cluster.proxyUrl() != null) {
      fields.put("proxy-url", GoJson.string(cluster.proxyUrl()));
    }
    if (cluster.disableCompression()) {
      fields.put("disable-compression", "true");
    }
    // A runtime.RawExtension is a struct, so omitempty never drops it: absent means null.
    fields.put("config", cluster.config() == null ? "null" : GoJson.node(cluster.config()));
    return GoJson.object(fields);
  }

  static CredentialCacheKey ofJson(String json) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return new CredentialCacheKey(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
