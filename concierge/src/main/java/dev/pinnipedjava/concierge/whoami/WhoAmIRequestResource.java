package dev.pinnipedjava.concierge.whoami;

import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.arrayOf;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.mapOf;
import static dev.pinnipedjava.aggregatedapi.apiresource.Schema.string;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiresource.GroupVersion;
import dev.pinnipedjava.aggregatedapi.apiresource.Schema;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.ConciergeIdentityGroup;
import dev.pinnipedjava.api.groupsuffix.ApiGroupSuffix;
import java.util.List;

/** The {@code whoamirequests} resource of {@code identity.concierge.<suffix>/v1alpha1}. */
public final class WhoAmIRequestResource {
  private WhoAmIRequestResource() {}

  public static ApiResource of(ApiGroupSuffix suffix) {
    return new ApiResource(
        new GroupVersion(suffix.group(ConciergeIdentityGroup.NAME), ConciergeIdentityGroup.VERSION),
        "whoamirequests",
        "whoamirequest",
        "WhoAmIRequest",
        List.of("pinniped"),
        SCHEMA);
  }

  private static final Schema.ObjectSchema SCHEMA =
      Schema.object("WhoAmIRequest submits a request to echo back the current authenticated user.")
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
              Schema.object(
                      "WhoAmIRequestSpec is empty for now but may have fields added in the"
                          + " future.")
                  .build())
          .property(
              "status",
              Schema.object(
                      "WhoAmIRequestStatus is set by the server in the response to a"
                          + " WhoAmIRequest.")
                  .requiredProperty(
                      "kubernetesUserInfo",
                      Schema.object(
                              "The current authenticated user, exactly as Kubernetes"
                                  + " understands it.")
                          .requiredProperty(
                              "user",
                              Schema.object(
                                      "User is the UserInfo associated with the current user.")
                                  .requiredProperty(
                                      "username",
                                      string(
                                          "The name that uniquely identifies this user among all"
                                              + " active users."))
                                  .property(
                                      "uid",
                                      string(
                                          "A unique value that identifies this user across"
                                              + " time."))
                                  .property(
                                      "groups",
                                      arrayOf(
                                          "The names of groups this user is a part of.",
                                          string("")))
                                  .property(
                                      "extra",
                                      mapOf(
                                          "Any additional information provided by the"
                                              + " authenticator.",
                                          arrayOf("", string(""))))
                                  .build())
                          .property(
                              "audiences",
                              arrayOf(
                                  "Audiences are audience identifiers chosen by the"
                                      + " authenticator.",
                                  string("")))
                          .build())
                  .build())
          .build();
}
