package dev.pinnipedjava.cli.conciergediscovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinnipedjava.cli.concierge.ApiGroupSuffix;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.ApiServiceObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.CredentialIssuerObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.DataObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.JwtAuthenticatorObject;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.ObjectList;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.Reader;
import dev.pinnipedjava.cli.conciergediscovery.ConciergeObjects.WebhookAuthenticatorObject;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import dev.pinnipedjava.cli.timing.Deadline;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The reads discovery makes through the cluster's API, under the API group suffix. */
final class ConciergeApi {

  /** Pinniped gives each lookup 20 seconds. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final KubeApiClient api;
  private final ApiGroupSuffix suffix;
  private final Deadline deadline;

  ConciergeApi(KubeApiClient api, ApiGroupSuffix suffix, Deadline deadline) {
    this.api = api;
    this.suffix = suffix;
    this.deadline = deadline;
  }

  ApiGroupSuffix suffix() {
    return suffix;
  }

  CredentialIssuerObject credentialIssuer(String name) throws KubeApiException {
    return get(
        configPath("credentialissuers/" + encode(name)),
        ConciergeObjects.readerFor(CredentialIssuerObject.class));
  }

  List<CredentialIssuerObject> credentialIssuers() throws KubeApiException {
    ObjectList<CredentialIssuerObject> list =
        get(configPath("credentialissuers"), ConciergeObjects.listOf(CredentialIssuerObject.class));
    return list.present();
  }

  JwtAuthenticatorObject jwtAuthenticator(String name) throws KubeApiException {
    return get(
        authenticationPath("jwtauthenticators/" + encode(name)),
        ConciergeObjects.readerFor(JwtAuthenticatorObject.class));
  }

  List<JwtAuthenticatorObject> jwtAuthenticators() throws KubeApiException {
    ObjectList<JwtAuthenticatorObject> list =
        get(
            authenticationPath("jwtauthenticators"),
            ConciergeObjects.listOf(JwtAuthenticatorObject.class));
    return list.present();
  }

  WebhookAuthenticatorObject webhookAuthenticator(String name) throws KubeApiException {
    return get(
        authenticationPath("webhookauthenticators/" + encode(name)),
        ConciergeObjects.readerFor(WebhookAuthenticatorObject.class));
  }

  List<WebhookAuthenticatorObject> webhookAuthenticators() throws KubeApiException {
    ObjectList<WebhookAuthenticatorObject> list =
        get(
            authenticationPath("webhookauthenticators"),
            ConciergeObjects.listOf(WebhookAuthenticatorObject.class));
    return list.present();
  }

  List<ApiServiceObject> apiServices() throws KubeApiException {
    ObjectList<ApiServiceObject> list =
        get(
            "/apis/apiregistration.k8s.io/v1/apiservices",
            ConciergeObjects.listOf(ApiServiceObject.class));
    return list.present();
  }

  DataObject secret(String namespace, String name) throws KubeApiException {
    return get(
        "/api/v1/namespaces/%s/secrets/%s".formatted(encode(namespace), encode(name)),
        ConciergeObjects.readerFor(DataObject.class));
  }

  DataObject configMap(String namespace, String name) throws KubeApiException {
    return get(
        "/api/v1/namespaces/%s/configmaps/%s".formatted(encode(namespace), encode(name)),
        ConciergeObjects.readerFor(DataObject.class));
  }

  private <T> T get(String path, Reader<T> reader) throws KubeApiException {
    JsonNode answer = api.get(path, deadline.requestTimeout(REQUEST_TIMEOUT));
    try {
      return reader.read(answer);
    } catch (IOException e) {
      throw new KubeApiException(
          "could not read the answer of Get \"%s\": %s".formatted(path, e.getMessage()), e);
    }
  }

  private String configPath(String resource) {
    return "/apis/%s/v1alpha1/%s".formatted(suffix.group("config.concierge"), resource);
  }

  private String authenticationPath(String resource) {
    return "/apis/%s/v1alpha1/%s".formatted(suffix.group("authentication.concierge"), resource);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
