package dev.pinnipedjava.aggregatedapi.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.apiresource.Schema;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequest;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.OIDCClientSecretRequestSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Routing of a namespaced resource: creates only under a namespace, which handlers receive. */
class NamespacedResourceRoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GroupVersion GROUP_VERSION =
      new GroupVersion("clientsecret.supervisor.pinniped.dev", "v1alpha1");
  private static final ApiResource NAMESPACED =
      new ApiResource(
          GROUP_VERSION,
          "oidcclientsecretrequests",
          "oidcclientsecretrequest",
          "OIDCClientSecretRequest",
          List.of(),
          Schema.object("a request")
              .property(
                  "spec",
                  Schema.object("spec").property("generateNewSecret", Schema.bool("new")).build())
              .build(),
          true);
  private static final String BODY =
      "{\"apiVersion\":\"clientsecret.supervisor.pinniped.dev/v1alpha1\","
          + "\"kind\":\"OIDCClientSecretRequest\",\"metadata\":{\"name\":\"n\"},"
          + "\"spec\":{\"generateNewSecret\":true}}";

  private final List<CreateContext> contexts = new CopyOnWriteArrayList<>();
  private final List<OIDCClientSecretRequest> objects = new CopyOnWriteArrayList<>();
  private final ApiRouter router = router();

  private ApiRouter router() {
    ApiJson json = new ApiJson();
    CreateHandler<OIDCClientSecretRequest> handler =
        new CreateHandler<>() {
          @Override
          public ApiResource resource() {
            return NAMESPACED;
          }

          @Override
          public Class<OIDCClientSecretRequest> objectType() {
            return OIDCClientSecretRequest.class;
          }

          @Override
          public CreateOutcome create(OIDCClientSecretRequest object, CreateContext context) {
            contexts.add(context);
            objects.add(object);
            return new CreateOutcome.Created(Map.of("kind", "OIDCClientSecretRequest"));
          }
        };
    return new ApiRouter(
        List.of(handler),
        new OpenApiDocuments(List.of(NAMESPACED), json.mapper(), "test", "v0"),
        (certificates, headers) -> Optional.of(KubernetesUser.of("admin", List.of())),
        new HealthChecks(List.of()),
        json);
  }

  private ApiResponse send(String method, String path, @Nullable String body) {
    return router.handle(
        new ApiRequest(
            method,
            path,
            Map.of(),
            RequestHeaders.of(Map.of("Content-Type", "application/json")),
            List.of(),
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
            "127.0.0.1",
            "audit-1"));
  }

  record Case(String name, String method, String path, int wantStatus) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String collection = GROUP_VERSION.path() + "/oidcclientsecretrequests";
    String namespaced = GROUP_VERSION.path() + "/namespaces/team-a/oidcclientsecretrequests";
    return Stream.of(
        new Case("create in a namespace", "POST", namespaced, 201),
        new Case("list in a namespace", "GET", namespaced, 200),
        new Case("list across namespaces", "GET", collection, 200),
        new Case("create without a namespace", "POST", collection, 405),
        new Case("an object in a namespace", "GET", namespaced + "/n", 404),
        new Case(
            "not a namespaces path",
            "POST",
            GROUP_VERSION.path() + "/things/team-a/oidcclientsecretrequests",
            404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void routes(Case test) {
    ApiResponse response = send(test.method(), test.path(), BODY);

    assertThat(response.statusCode()).isEqualTo(test.wantStatus());
  }

  @Test
  void handlerGetsTheNamespaceAndOmittedBooleansAreFalse() {
    String path = GROUP_VERSION.path() + "/namespaces/team-a/oidcclientsecretrequests";
    ApiResponse response =
        send(
            "POST",
            path,
            "{\"apiVersion\":\"clientsecret.supervisor.pinniped.dev/v1alpha1\","
                + "\"kind\":\"OIDCClientSecretRequest\",\"metadata\":{\"name\":\"n\"},"
                + "\"spec\":{\"generateNewSecret\":true}}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(contexts).singleElement().extracting(CreateContext::namespace).isEqualTo("team-a");
    OIDCClientSecretRequestSpec spec = Objects.requireNonNull(objects.get(0).getSpec());
    assertThat(spec.generateNewSecret()).isTrue();
    assertThat(spec.revokeOldSecrets()).isFalse();
  }

  @Test
  void discoveryAndOpenApiSayNamespaced() throws IOException {
    JsonNode resources =
        JSON.readTree(send("GET", GROUP_VERSION.path(), null).body()).path("resources");
    assertThat(resources.get(0).path("namespaced").asBoolean()).isTrue();

    JsonNode openApi = JSON.readTree(send("GET", "/openapi/v2", null).body());
    assertThat(openApi.path("paths").has(NAMESPACED.path())).isTrue();
    assertThat(NAMESPACED.path())
        .isEqualTo(
            "/apis/clientsecret.supervisor.pinniped.dev/v1alpha1/namespaces/{namespace}"
                + "/oidcclientsecretrequests");
  }
}
