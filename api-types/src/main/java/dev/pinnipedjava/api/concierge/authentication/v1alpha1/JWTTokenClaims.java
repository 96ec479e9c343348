package dev.pinnipedjava.api.concierge.authentication.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which JWT claims, or which CEL expressions over them, become the Kubernetes username, uid, groups
 * and extra. A claim name and an expression for the same field are mutually exclusive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JWTTokenClaims(
    @JsonPropertyDescription(
            "Groups is the name of the claim which should be read to extract the user's group membership from the JWT token. When not specified, it will default to \"groups\".")
        @Nullable String groups,
    @JsonPropertyDescription(
            "Username is the name of the claim which should be read to extract the username from the JWT token. When not specified, it will default to \"username\".")
        @Nullable String username,
    @JsonPropertyDescription(
            "UsernameExpression is a CEL expression over `claims` giving the username (a string). Mutually exclusive with username.")
        @Nullable String usernameExpression,
    @JsonPropertyDescription(
            "GroupsExpression is a CEL expression over `claims` giving the groups (a string or a list of strings). Mutually exclusive with groups.")
        @Nullable String groupsExpression,
    @JsonPropertyDescription(
            "UID is the name of the claim which should be read to extract the user's uid. Mutually exclusive with uidExpression.")
        @Nullable String uid,
    @JsonPropertyDescription(
            "UIDExpression is a CEL expression over `claims` giving the uid (a string). Mutually exclusive with uid.")
        @Nullable String uidExpression,
    @JsonPropertyDescription(
            "Extra maps keys of the user's extra attributes to CEL expressions over `claims` giving their values.")
        @Nullable List<JWTExtraMapping> extra) {

  /** Claims read by name only, as before expressions existed. */
  public JWTTokenClaims(@Nullable String groups, @Nullable String username) {
    this(groups, username, null, null, null, null, null);
  }
}
