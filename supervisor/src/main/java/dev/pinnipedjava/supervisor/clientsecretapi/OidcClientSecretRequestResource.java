package dev.pinnipedjava.supervisor.clientsecretapi;

import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.string;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.apiresource.Schema;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import dev.pinnipedjava.api.supervisor.clientsecret.v1alpha1.SupervisorClientSecretGroup;
import java.util.List;

/**
 * The {@code oidcclientsecretrequests} resource of {@code
 * clientsecret.supervisor.<suffix>/v1alpha1}: namespaced, create only.
 */
public final class OidcClientSecretRequestResource {
  private OidcClientSecretRequestResource() {}

  public static ApiResource of(ApiGroupSuffix suffix) {
    return new ApiResource(
        new GroupVersion(
            suffix.group(SupervisorClientSecretGroup.NAME), SupervisorClientSecretGroup.VERSION),
        "oidcclientsecretrequests",
        "oidcclientsecretrequest",
        "OIDCClientSecretRequest",
        List.of("pinniped"),
        SCHEMA,
        true);
  }

  private static final Schema.ObjectSchema SCHEMA =
      Schema.object(
              "OIDCClientSecretRequest can be used to update the client secrets associated with an OIDCClient.")
          .property(
              "apiVersion",
              string(
                  "APIVersion defines the versioned schema of this representation of an object."))
          .property(
              "kind",
              string(
                  "Kind is a string value representing the REST resource this object"
                      + " represents."))
          .property("metadata", new Schema.ObjectMetaSchema("Standard object metadata."))
          .property(
              "spec",
              Schema.object("Spec of the OIDCClientSecretRequest.")
                  .property(
                      "generateNewSecret",
                      Schema.bool(
                          "Request a new client secret for the OIDCClient referenced by the metadata.name field."))
                  .property(
                      "revokeOldSecrets",
                      Schema.bool(
                          "Revoke the old client secrets associated with the OIDCClient referenced by the metadata.name field."))
                  .build())
          .property(
              "status",
              Schema.object("Status of the OIDCClientSecretRequest.")
                  .property(
                      "generatedSecret",
                      string(
                          "The unencrypted OIDC Client Secret. This will only be shared upon"
                              + " creation and cannot be recovered if lost."))
                  .property(
                      "totalClientSecrets",
                      Schema.int64(
                          "The total number of client secrets associated with the OIDCClient referenced by the metadata.name field."))
                  .build())
          .build();
}
