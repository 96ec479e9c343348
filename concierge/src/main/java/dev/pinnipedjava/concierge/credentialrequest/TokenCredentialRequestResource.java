package dev.pinnipedjava.concierge.credentialrequest;

import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.dateTime;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.string;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.apiresource.Schema;
import dev.pinnipedjava.api.concierge.login.v1alpha1.ConciergeLoginGroup;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.util.List;

/** The {@code tokencredentialrequests} resource of {@code login.concierge.<suffix>/v1alpha1}. */
public final class TokenCredentialRequestResource {
  private TokenCredentialRequestResource() {}

  public static ApiResource of(ApiGroupSuffix suffix) {
    return new ApiResource(
        new GroupVersion(suffix.group(ConciergeLoginGroup.NAME), ConciergeLoginGroup.VERSION),
        "tokencredentialrequests",
        "tokencredentialrequest",
        "TokenCredentialRequest",
        List.of("pinniped"),
        SCHEMA);
  }

  private static final Schema.ObjectSchema SCHEMA =
      Schema.object(
              "TokenCredentialRequest submits an IDP-specific credential to Pinniped in exchange"
                  + " for a cluster-specific credential.")
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
              Schema.object("Specification of the credential request.")
                  .property("token", string("Bearer token supplied with the credential request."))
                  .property(
                      "authenticator",
                      Schema.object(
                              "Reference to an authenticator which can validate this credential"
                                  + " request.")
                          .property(
                              "apiGroup",
                              string(
                                  "APIGroup is the group of the authenticator, for example"
                                      + " authentication.concierge.pinniped.dev."))
                          .requiredProperty(
                              "kind", string("Kind is JWTAuthenticator or WebhookAuthenticator."))
                          .requiredProperty("name", string("Name of the authenticator."))
                          .build())
                  .build())
          .property(
              "status",
              Schema.object("Status of the credential request.")
                  .property(
                      "credential",
                      Schema.object(
                              "A Credential will be returned for a successful credential"
                                  + " request.")
                          .property(
                              "expirationTimestamp",
                              dateTime(
                                  "ExpirationTimestamp indicates a time when the provided"
                                      + " credentials expire."))
                          .property(
                              "token",
                              string(
                                  "Token is a bearer token used by the client"
                                      + " for request authentication."))
                          .property(
                              "clientCertificateData",
                              string(
                                  "PEM-encoded client TLS certificates (including"
                                      + " intermediates, if any)."))
                          .property(
                              "clientKeyData",
                              string("PEM-encoded private key for the above certificate."))
                          .build())
                  .property(
                      "message",
                      string(
                          "An error message will be returned for an unsuccessful credential"
                              + " request."))
                  .build())
          .build();
}
