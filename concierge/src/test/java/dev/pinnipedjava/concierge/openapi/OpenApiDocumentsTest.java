package dev.pinnipedjava.concierge.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.openapi.OpenApiDocuments;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.concierge.credentialrequest.TokenCredentialRequestResource;
import dev.pinnipedjava.concierge.whoami.WhoAmIRequestResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ApiGroupSuffix SUFFIX = new ApiGroupSuffix("tuna.io");
  private static final List<ApiResource> RESOURCES =
      List.of(TokenCredentialRequestResource.of(SUFFIX), WhoAmIRequestResource.of(SUFFIX));
  private static final OpenApiDocuments DOCUMENTS =
      new OpenApiDocuments(RESOURCES, JSON, "t", "v1");

  @Test
  void v3DiscoveryListsEachGroupVersionWithItsHash() throws IOException {
    JsonNode paths = JSON.readTree(DOCUMENTS.v3Discovery()).path("paths");

    assertThat(fieldNames(paths))
        .containsExactly(
            "apis/login.concierge.tuna.io/v1alpha1", "apis/identity.concierge.tuna.io/v1alpha1");
    String url =
        paths.path("apis/login.concierge.tuna.io/v1alpha1").path("serverRelativeURL").asText();
    assertThat(url)
        .matches("/openapi/v3/apis/login\\.concierge\\.tuna\\.io/v1alpha1\\?hash=[0-9A-F]{128}");
  }

  @Test
  void everyReferenceResolvesWithinItsDocument() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    documents.add(JSON.readTree(DOCUMENTS.v2()));
    for (ApiResource resource : RESOURCES) {
      documents.add(JSON.readTree(DOCUMENTS.v3(resource.groupVersion()).orElseThrow()));
    }

    for (JsonNode document : documents) {
      List<String> references = new ArrayList<>();
      collectReferences(document, references);
      assertThat(references).isNotEmpty();
      for (String reference : references) {
        assertThat(document.at(reference.substring(1).replace("~", "~0")).isMissingNode())
            .as("%s resolves", reference)
            .isFalse();
      }
    }
  }

  @Test
  void eachKindIsMarkedWithItsGroupVersionKind() throws IOException {
    JsonNode schemas =
        JSON.readTree(
                DOCUMENTS.v3(new GroupVersion("login.concierge.tuna.io", "v1alpha1")).orElseThrow())
            .path("components")
            .path("schemas");

    JsonNode kind = schemas.path("io.tuna.concierge.login.v1alpha1.TokenCredentialRequest");
    assertThat(kind.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo(
            "[{\"group\":\"login.concierge.tuna.io\",\"kind\":\"TokenCredentialRequest\",\"version\":\"v1alpha1\"}]");
    assertThat(
            kind.path("properties")
                .path("spec")
                .path("properties")
                .path("token")
                .path("type")
                .asText())
        .isEqualTo("string");
    assertThat(kind.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  }

  @Test
  void createDocumentsFieldValidation() throws IOException {
    JsonNode post =
        JSON.readTree(
                DOCUMENTS
                    .v3(new GroupVersion("identity.concierge.tuna.io", "v1alpha1"))
                    .orElseThrow())
            .path("paths")
            .path("/apis/identity.concierge.tuna.io/v1alpha1/whoamirequests")
            .path("post");

    List<String> parameters = new ArrayList<>();
    post.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asText()));
    assertThat(parameters).contains("dryRun", "fieldValidation", "fieldManager");
    assertThat(post.path("x-kubernetes-action").asText()).isEqualTo("post");
  }

  @Test
  void unknownGroupVersionHasNoDocument() {
    assertThat(DOCUMENTS.v3(new GroupVersion("login.concierge.pinniped.dev", "v1alpha1")))
        .isEmpty();
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("$ref")) {
          references.add(field.getValue().asText());
        } else {
          collectReferences(field.getValue(), references);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collectReferences(element, references));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
