package dev.pinnipedjava.aggregatedapi.frontproxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.pki.InvalidPemException;
import dev.pinnipedjava.pki.Pem;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the kube-apiserver's front proxy identifies itself and its callers: the CA of its client
 * certificate, the certificate names allowed, and the headers that carry the user. The
 * kube-apiserver publishes these in ConfigMap {@code
 * kube-system/extension-apiserver-authentication}.
 *
 * @param certificateAuthorities CAs that sign front-proxy client certificates
 * @param allowedNames common names a front-proxy certificate may have; empty allows any
 * @param usernameHeaders headers holding the username, the first non-empty one wins
 * @param uidHeaders headers holding the user's UID (Kubernetes 1.32+)
 * @param groupHeaders headers holding groups, every value of each counts
 * @param extraHeaderPrefixes prefixes of headers holding extra attributes
 */
public record RequestHeaderConfig(
    List<X509Certificate> certificateAuthorities,
    List<String> allowedNames,
    List<String> usernameHeaders,
    List<String> uidHeaders,
    List<String> groupHeaders,
    List<String> extraHeaderPrefixes) {

  public static final String NAMESPACE = "kube-system";
  public static final String CONFIG_MAP_NAME = "extension-apiserver-authentication";

  static final String CLIENT_CA_KEY = "requestheader-client-ca-file";
  static final String ALLOWED_NAMES_KEY = "requestheader-allowed-names";
  static final String USERNAME_HEADERS_KEY = "requestheader-username-headers";
  static final String UID_HEADERS_KEY = "requestheader-uid-headers";
  static final String GROUP_HEADERS_KEY = "requestheader-group-headers";
  static final String EXTRA_HEADERS_PREFIX_KEY = "requestheader-extra-headers-prefix";

  private static final ObjectMapper JSON = new ObjectMapper();

  public RequestHeaderConfig {
    certificateAuthorities = List.copyOf(certificateAuthorities);
    allowedNames = List.copyOf(allowedNames);
    usernameHeaders = List.copyOf(usernameHeaders);
    uidHeaders = List.copyOf(uidHeaders);
    groupHeaders = List.copyOf(groupHeaders);
    extraHeaderPrefixes = List.copyOf(extraHeaderPrefixes);
  }

  /**
   * The configuration in the ConfigMap's data, or empty when the kube-apiserver has no front proxy
   * configured (no {@code requestheader-client-ca-file}).
   *
   * @throws IllegalArgumentException when a key holds something unusable
   */
  public static Optional<RequestHeaderConfig> fromConfigMapData(Map<String, String> data) {
    String caBundle = data.getOrDefault(CLIENT_CA_KEY, "");
    if (caBundle.isBlank()) {
      return Optional.empty();
    }
    List<X509Certificate> certificateAuthorities;
    try {
      certificateAuthorities = Pem.decodeCertificates(caBundle);
    } catch (InvalidPemException e) {
      throw new IllegalArgumentException(CLIENT_CA_KEY + " is invalid: " + e.getMessage(), e);
    }
    return Optional.of(
        new RequestHeaderConfig(
            certificateAuthorities,
            stringList(data, ALLOWED_NAMES_KEY),
            stringList(data, USERNAME_HEADERS_KEY),
            stringList(data, UID_HEADERS_KEY),
            stringList(data, GROUP_HEADERS_KEY),
            stringList(data, EXTRA_HEADERS_PREFIX_KEY)));
  }

  /** The kube-apiserver writes each list as a JSON array of strings. */
  private static List<String> stringList(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    try {
      List<String> list = JSON.readValue(value, new TypeReference<List<String>>() {});
      return list == null ? List.of() : list.stream().filter(s -> !s.isBlank()).toList();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(key + " is not a JSON array of strings", e);
    }
  }
}
