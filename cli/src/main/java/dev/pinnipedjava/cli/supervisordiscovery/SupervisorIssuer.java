package dev.pinnipedjava.cli.supervisordiscovery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.IDPDiscoveryResponse;
import dev.pinnipedjava.api.supervisor.idpdiscovery.v1alpha1.PinnipedIDP;
import dev.pinnipedjava.api.supervisor.oidc.SupervisorDiscovery;
import dev.pinnipedjava.cli.diagnostics.InfoLog;
import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubejson.KubeJson;
import dev.pinnipedjava.cli.timing.Deadline;
import dev.pinnipedjava.cli.version.UserAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Asks an OIDC issuer whether it is a Pinniped Supervisor (its discovery document names an identity
 * provider discovery endpoint) and, if it is, drops the username and groups scopes when it does not
 * list both in {@code scopes_supported}, and completes the upstream identity provider choice from
 * its list. Identity provider types and flows this CLI does not know (from a newer Supervisor) are
 * skipped.
 */
public final class SupervisorIssuer {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> SCOPES_NEEDING_A_NEW_SUPERVISOR = List.of("username", "groups");

  private final HttpClient http;
  private final Deadline deadline;
  private final InfoLog log;

  public SupervisorIssuer(HttpClient http, Deadline deadline, InfoLog log) {
    this.http = http;
    this.deadline = deadline;
    this.log = log;
  }

  /**
   * The scopes and upstream choice to put in the kubeconfig; unchanged for an issuer that is not a
   * Supervisor.
   */
  public SupervisorSettings settings(String issuer, List<String> scopes, UpstreamChoice requested)
      throws SupervisorDiscoveryException {
    JsonNode discovery = discoveryDocument(issuer);
    String idpEndpoint =
        discovery
            .path(SupervisorDiscovery.EXTENSION_KEY)
            .path(SupervisorDiscovery.IDENTITY_PROVIDERS_ENDPOINT_KEY)
            .asText("");
    if (idpEndpoint.isEmpty()) {
      return new SupervisorSettings(scopes, requested);
    }
    List<String> supported = new ArrayList<>();
    discovery.path("scopes_supported").forEach(scope -> supported.add(scope.asText()));
    List<String> kept = new ArrayList<>(scopes);
    if (!supported.containsAll(SCOPES_NEEDING_A_NEW_SUPERVISOR)) {
      kept.removeIf(
          scope -> {
            boolean unsupported = SCOPES_NEEDING_A_NEW_SUPERVISOR.contains(scope);
            if (unsupported) {
              log.log(
                  "removed scope from --oidc-scopes list because it is not supported by this"
                      + " Supervisor",
                  "scope",
                  scope);
            }
            return unsupported;
          });
    }
    if (requested.isComplete()) {
      // The user may know of a provider the Supervisor does not have yet.
      return new SupervisorSettings(kept, requested);
    }
    return new SupervisorSettings(
        kept, UpstreamSelection.select(identityProviders(idpEndpoint), requested, log));
  }

  private JsonNode discoveryDocument(String issuer) throws SupervisorDiscoveryException {
    String url =
        (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
            + "/.well-known/openid-configuration";
    HttpResponse<String> response;
    try {
      response = get(URI.create(url));
    } catch (IOException | IllegalArgumentException e) {
      throw new SupervisorDiscoveryException(
          "while fetching OIDC discovery data from issuer: " + KubeApiClient.describe(e), e);
    }
    if (response.statusCode() != 200) {
      throw new SupervisorDiscoveryException(
          "while fetching OIDC discovery data from issuer: %d: %s"
              .formatted(response.statusCode(), response.body().strip()));
    }
    JsonNode document;
    try {
      document = KubeJson.json().readTree(response.body());
    } catch (IOException e) {
      throw new SupervisorDiscoveryException(
          "while fetching OIDC discovery data from issuer: oidc: failed to decode provider"
              + " discovery object: "
              + e.getMessage(),
          e);
    }
    String advertised = document == null ? "" : document.path("issuer").asText("");
    if (!advertised.equals(issuer)) {
      throw new SupervisorDiscoveryException(
          "while fetching OIDC discovery data from issuer: oidc: issuer did not match the issuer"
              + " returned by provider, expected \"%s\" got \"%s\"".formatted(issuer, advertised));
    }
    return document;
  }

  private List<PinnipedIDP> identityProviders(String endpoint) throws SupervisorDiscoveryException {
    HttpResponse<String> response;
    try {
      response = get(URI.create(endpoint));
    } catch (IOException | IllegalArgumentException e) {
      throw new SupervisorDiscoveryException(
          "unable to fetch IDP discovery data from issuer: " + KubeApiClient.describe(e), e);
    }
    if (response.statusCode() != 200) {
      throw new SupervisorDiscoveryException(
          "unable to fetch IDP discovery data from issuer: unexpected http response status: "
              + response.statusCode());
    }
    IDPDiscoveryResponse body;
    try {
      body = LenientJson.MAPPER.readValue(response.body(), IDPDiscoveryResponse.class);
    } catch (IOException e) {
      throw new SupervisorDiscoveryException(
          "unable to fetch IDP discovery data from issuer: could not parse response JSON: "
              + e.getMessage(),
          e);
    }
    return known(body == null ? null : body.identityProviders());
  }

  /** Providers of a type this CLI knows, with only the flows it knows. */
  private static List<PinnipedIDP> known(@Nullable List<PinnipedIDP> idps) {
    if (idps == null) {
      return List.of();
    }
    return idps.stream()
        .filter(Objects::nonNull)
        .filter(idp -> idp.name() != null && idp.type() != null)
        .map(
            idp ->
                new PinnipedIDP(
                    idp.name(),
                    idp.type(),
                    Optional.ofNullable(idp.flows()).orElse(List.of()).stream()
                        .filter(Objects::nonNull)
                        .toList()))
        .toList();
  }

  private HttpResponse<String> get(URI url) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(deadline.requestTimeout(REQUEST_TIMEOUT))
            .header("Accept", "application/json")
            .header("User-Agent", UserAgent.value())
            .GET()
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Unknown identity provider types and flows read as null, to be skipped. */
  private static final class LenientJson {
    static final ObjectMapper MAPPER =
        KubeJson.json().copy().enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
  }
}
