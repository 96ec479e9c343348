package dev.pinnipedjava.cli.conciergediscovery;

import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceKind;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.CertificateAuthorityDataSourceSpec;
import dev.pinnipedjava.api.concierge.authentication.v1alpha1.TLSSpec;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.ApiServiceObject;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The CA bundle of a JWTAuthenticator's issuer: inline in {@code spec.tls}, or in the Secret or
 * ConfigMap it names in the Concierge's namespace (the namespace of the service behind the
 * Concierge's login API).
 */
final class OidcCaDiscovery {

  private final ConciergeApi api;
  private final InfoLog log;

  OidcCaDiscovery(ConciergeApi api, InfoLog log) {
    this.api = api;
    this.log = log;
  }

  String caBundle(String authenticator, TLSSpec tls) throws ConciergeDiscoveryException {
    String inline = tls.certificateAuthorityData();
    if (inline != null && !inline.isEmpty()) {
      try {
        String pem = new String(Base64.getDecoder().decode(inline), StandardCharsets.US_ASCII);
        log.log("discovered OIDC CA bundle", "roots", ConciergeDiscovery.countCertificates(pem));
        return pem;
      } catch (IllegalArgumentException e) {
        throw new ConciergeDiscoveryException(
            "tried to autodiscover --oidc-ca-bundle, but JWTAuthenticator %s has invalid spec.tls.certificateAuthorityData: %s"
                .formatted(authenticator, e.getMessage()),
            e);
      }
    }
    CertificateAuthorityDataSourceSpec source = tls.certificateAuthorityDataSource();
    return source == null ? "" : caBundleFromSource(authenticator, source);
  }

  private String caBundleFromSource(String authenticator, CertificateAuthorityDataSourceSpec source)
      throws ConciergeDiscoveryException {
    String namespace = conciergeNamespace(authenticator);
    log.log(
        "discovered Concierge namespace for API group suffix",
        "apiGroupSuffix",
        api.suffix().value());
    String kind =
        source.kind() == CertificateAuthorityDataSourceKind.CONFIG_MAP ? "ConfigMap" : "Secret";
    String where = "%s %s/%s".formatted(kind, namespace, source.name());
    Map<String, String> data;
    boolean secret;
    try {
      if (source.kind() == CertificateAuthorityDataSourceKind.CONFIG_MAP) {
        data = api.configMap(namespace, source.name()).data();
        secret = false;
      } else if (source.kind() == CertificateAuthorityDataSourceKind.SECRET) {
        data = api.secret(namespace, source.name()).data();
        secret = true;
      } else {
        throw new ConciergeDiscoveryException(
            "tried to autodiscover --oidc-ca-bundle, but JWTAuthenticator %s spec.tls.certificateAuthorityDataSource.Kind value \"%s\" is not supported by this CLI version"
                .formatted(authenticator, source.kind()));
      }
    } catch (KubeApiException e) {
      throw new ConciergeDiscoveryException(
          "tried to autodiscover --oidc-ca-bundle, but encountered error getting %s specified by JWTAuthenticator %s spec.tls.certificateAuthorityDataSource: %s"
              .formatted(where, authenticator, e.getMessage()),
          e);
    }
    String value = data == null ? null : data.get(source.key());
    if (value == null) {
      throw new ConciergeDiscoveryException(
          "tried to autodiscover --oidc-ca-bundle, but key \"%s\" specified by JWTAuthenticator %s spec.tls.certificateAuthorityDataSource.key does not exist in %s"
              .formatted(source.key(), authenticator, where));
    }
    String pem = value;
    if (secret) {
      try {
        pem = new String(Base64.getDecoder().decode(value), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        pem = "";
      }
    }
    if (pem.isEmpty()) {
      throw new ConciergeDiscoveryException(
          "tried to autodiscover --oidc-ca-bundle, but key \"%s\" specified by JWTAuthenticator %s spec.tls.certificateAuthorityDataSource.key exists but has empty value in %s"
              .formatted(source.key(), authenticator, where));
    }
    int roots = ConciergeDiscovery.countCertificates(pem);
    if (roots == 0) {
      throw new ConciergeDiscoveryException(
          "tried to autodiscover --oidc-ca-bundle, but value at key \"%s\" specified by JWTAuthenticator %s spec.tls.certificateAuthorityDataSource.key does not contain any CA certificates in %s"
              .formatted(source.key(), authenticator, where));
    }
    log.log(
        "discovered OIDC CA bundle from JWTAuthenticator spec.tls.certificateAuthorityDataSource",
        "roots",
        roots);
    return pem;
  }

  /** The namespace of the service behind the Concierge's login API. */
  private String conciergeNamespace(String authenticator) throws ConciergeDiscoveryException {
    String group = api.suffix().group("login.concierge");
    List<ApiServiceObject> services;
    try {
      services = api.apiServices();
    } catch (KubeApiException e) {
      throw new ConciergeDiscoveryException(
          "tried to autodiscover --oidc-ca-bundle, but encountered error discovering namespace of Concierge for JWTAuthenticator %s: error listing APIServices: %s"
              .formatted(authenticator, e.getMessage()),
          e);
    }
    for (ApiServiceObject service : services) {
      if (service.spec() != null
          && group.equals(service.spec().group())
          && service.spec().service() != null
          && service.spec().service().namespace() != null
          && !service.spec().service().namespace().isEmpty()) {
        return service.spec().service().namespace();
      }
    }
    throw new ConciergeDiscoveryException(
        "tried to autodiscover --oidc-ca-bundle, but encountered error discovering namespace of Concierge for JWTAuthenticator %s: could not find APIService with non-empty spec.service.namespace for API group %s"
            .formatted(authenticator, group));
  }
}
